package io.tailor.bench.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.FreePorts;
import io.tailor.devstack.ServiceProcess;
import io.tailor.devstack.TopicClient;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journeys per second through the packaged content-service on a throw-away dev stack, delivered to the stack's real
 * SMTP server: {@code shoppers} identified customers with marketing consent each add to their cart (profile-changes
 * on Kafka, as profile-service publishes them) and enter a one-step journey due at once. Prints how fast shoppers
 * were enrolled, how fast due steps were taken (consent, cap and quiet-hour checks, products, the message queued on
 * outbound-messages) and how fast the e-mails were rendered and accepted by SMTP. recommendation-service is a stub
 * answering no products (its latency is not what is measured).
 *
 * <p>Usage: {@code BENCH_SERVICES=content-service ./bench/run.sh content.JourneyThroughputBenchmark [shoppers=2000]}
 */
public final class JourneyThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int shoppers = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        BenchSupport.machine();
        HttpServer stubs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stubs.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.startsWith("/v1/recommendations") ? "{\"placements\":[]}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.startsWith("/v1/catalog") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stubs.start();
        try (DevStack stack = BenchSupport.stack("journeys");
                AutoCloseable stop = BenchSupport.closeOnExit(stack, () -> stubs.stop(0))) {
            String stubUrl = "http://127.0.0.1:" + stubs.getAddress().getPort();
            Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment("content"));
            env.put("SEGMENT_SERVICE_URL", stubUrl);
            env.put("RECOMMENDATION_SERVICE_URL", stubUrl);
            env.put("EXPERIMENT_SERVICE_URL", stubUrl); // content-service refuses to start without it
            env.put("CONTENT_MESSAGES_UNSUBSCRIBE_SECRET", "benchmark-unsubscribe-secret");
            env.put("CONTENT_MESSAGES_TICK", "1s");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            try (ServiceProcess service = ServiceProcess.start(
                    "content-service",
                    BenchSupport.root(),
                    FreePorts.pick(),
                    env,
                    BenchSupport.root().resolve("bench/target/logs"))) {
                service.awaitReady(Duration.ofMinutes(2));
                run(service.url(), stack, shoppers);
            }
        }
    }

    private static void run(URI url, DevStack stack, int shoppers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = TailorJson.mapper();
        String journey = "bench-cart";
        HttpResponse<String> saved = http.send(
                HttpRequest.newBuilder(url.resolve("/v1/journeys/" + journey))
                        .header("Content-Type", "application/json")
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        """
                                {"name":"Bench cart recovery","trigger":{"event":"add_to_cart"},"quietHours":false,
                                 "exitOn":["order_completed"],"enabled":true,
                                 "steps":[{"delay":"PT0S","template":"cart-recovery","condition":"cart_not_empty"}]}
                                """))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 200) {
            throw new IllegalStateException("journey not saved: " + saved.body());
        }
        try (TopicClient topics = new TopicClient(stack.kafka().bootstrapServers())) {
            List<Map.Entry<String, String>> identifies = new ArrayList<>();
            for (int i = 0; i < shoppers; i++) {
                String customer = "bench-c-" + i;
                ShopperEvent identify = new ShopperEvent(
                        "bench-identify-" + i,
                        EventType.IDENTIFY,
                        Instant.now(),
                        Instant.now(),
                        null,
                        customer,
                        null,
                        new EventContext(null, null, null, null, null, null, "Europe/London"),
                        new EventProperties(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                customer + "@bench.test",
                                Map.of("firstName", "Bench"),
                                null,
                                null));
                identifies.add(Map.entry("c:" + customer, json.writeValueAsString(identify)));
            }
            topics.sendAll(Topics.SHOPPER_EVENTS, identifies);
            Thread.sleep(3_000); // contacts first

            List<Map.Entry<String, String>> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < shoppers; i++) {
                String profile = "bench-p-" + i;
                ProfileSnapshot snapshot = new ProfileSnapshot(
                        profile,
                        1,
                        "bench-c-" + i,
                        List.of("bench-a-" + i),
                        Map.of(),
                        new ConsentState(true, true, true, now),
                        now,
                        now,
                        1,
                        1,
                        1,
                        0,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        null,
                        List.of(),
                        new CartState(
                                List.of(new OrderLine("sku-" + (i % 50), 1, new BigDecimal("10.00"), null, null)),
                                new BigDecimal("10.00"),
                                now),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        List.of(),
                        null,
                        null,
                        "desktop",
                        "GB",
                        null);
                changes.add(Map.entry(
                        profile,
                        json.writeValueAsString(
                                new ProfileChange(profile, 1, now, "add_to_cart", null, List.of(), snapshot))));
            }
            long started = System.nanoTime();
            topics.sendAll(Topics.PROFILE_CHANGES, changes);
            long enrolledAt = 0;
            long queuedAt = 0;
            long sentAt;
            while (true) {
                JsonNode stats = json.readTree(http.send(
                                HttpRequest.newBuilder(url.resolve("/v1/journeys/" + journey + "/stats"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                long runs = 0;
                for (JsonNode n : stats.path("runs")) {
                    runs += n.asLong();
                }
                long stepped = stats.path("runs").path("completed").asLong();
                long sent = stats.path("messages").path("sent").asLong();
                long elapsed = System.nanoTime() - started;
                if (enrolledAt == 0 && runs >= shoppers) {
                    enrolledAt = elapsed;
                }
                if (queuedAt == 0 && stepped >= shoppers) {
                    queuedAt = elapsed;
                }
                if (sent >= shoppers) {
                    sentAt = elapsed;
                    break;
                }
                if (elapsed > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("not all sent within 10 minutes: " + stats);
                }
                Thread.sleep(100);
            }
            long received = stack.mail().received().size();
            System.out.printf(
                    "%n%d shoppers, one-step journey due at once (tick 1 s, batch 200):%n"
                            + "  enrolled (profile-changes consumed, runs written): %.1f s  -> %.0f shoppers/s%n"
                            + "  stepped (checks, products, queued on outbound-messages): %.1f s  -> %.0f steps/s%n"
                            + "  e-mailed (rendered, accepted by SMTP): %.1f s  -> %.0f e-mails/s; SMTP received %d%n",
                    shoppers,
                    enrolledAt / 1e9,
                    shoppers / (enrolledAt / 1e9),
                    queuedAt / 1e9,
                    shoppers / (queuedAt / 1e9),
                    sentAt / 1e9,
                    shoppers / (sentAt / 1e9),
                    received);
        }
    }
}
