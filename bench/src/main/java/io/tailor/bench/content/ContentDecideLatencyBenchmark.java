package io.tailor.bench.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tailor.bench.BenchSupport;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.service.SlotInput;
import io.tailor.contracts.HotState;
import io.tailor.contracts.TailorJson;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.FreePorts;
import io.tailor.devstack.ServiceProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The packaged content-service on a throw-away dev stack: 5 slots with {@code variantsPerSlot} active variants each
 * (the targeting mix of {@link SlotDecisionBenchmark}), then {@code POST /v1/content/decide} for all 5 slots from one
 * client, for shoppers with segment memberships in Redis. Prints the round trip (HTTP on loopback, alias and
 * membership reads in Redis, the choice). Then {@code POST /v1/offers/decide} with two segment-targeted offers, for
 * shoppers no offer targets and for shoppers one does. segment-service is played by a
 * stub that knows every segment (the check on save is not what is measured).
 *
 * <p>Usage: {@code ./bench/run.sh content.ContentDecideLatencyBenchmark [decisions=20000] [variantsPerSlot=40]}
 */
public final class ContentDecideLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perSlot = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        BenchSupport.machine();
        HttpServer segments = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        segments.createContext("/v1/segments/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        segments.start();
        try (DevStack stack = BenchSupport.stack("content-decide");
                AutoCloseable stop = BenchSupport.closeOnExit(stack, () -> segments.stop(0))) {
            Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment("content"));
            String stubUrl = "http://127.0.0.1:" + segments.getAddress().getPort();
            env.put("SEGMENT_SERVICE_URL", stubUrl);
            env.put("RECOMMENDATION_SERVICE_URL", stubUrl);
            env.put("EXPERIMENT_SERVICE_URL", stubUrl);
            env.put("CONTENT_MESSAGES_UNSUBSCRIBE_SECRET", "benchmark-unsubscribe-secret");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            try (ServiceProcess service = ServiceProcess.start(
                    "content-service",
                    BenchSupport.root(),
                    FreePorts.pick(),
                    env,
                    BenchSupport.root().resolve("bench/target/logs"))) {
                service.awaitReady(Duration.ofMinutes(2));
                run(service.url(), stack, decisions, perSlot);
            }
        }
    }

    private static void run(URI url, DevStack stack, int decisions, int perSlot) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = TailorJson.mapper();
        List<String> slots = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            List<SlotInput.VariantInput> variants = new ArrayList<>();
            variants.add(new SlotInput.VariantInput(
                    "default",
                    "Default",
                    null,
                    null,
                    "/",
                    new ProductCollection(null, "new-in"),
                    "new_first",
                    null,
                    null,
                    true,
                    null));
            for (int v = 0; v < perSlot - 1; v++) {
                variants.add(new SlotInput.VariantInput(
                        "v" + v,
                        "Title " + v,
                        "Body " + v,
                        null,
                        "/c/" + v,
                        null,
                        null,
                        v % 50,
                        SlotDecisionBenchmark.targeting(v),
                        false,
                        null));
            }
            String key = "bench-slot-" + s;
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(url.resolve("/v1/content/slots/" + key))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    json.writeValueAsString(new SlotInput("Bench " + s, null, variants))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("slot not saved: " + put.statusCode() + " " + put.body());
            }
            slots.add(key);
        }
        int shoppers = 1000;
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < shoppers; i++) {
            commands.add(List.of("SET", HotState.anonymousAlias("bench-a-" + i), "bench-p-" + i));
            commands.add(List.of(
                    "HSET",
                    HotState.memberships("bench-p-" + i),
                    "segment-" + (10 + i % 40),
                    "1764000000000",
                    "repeat-customer",
                    "1764000000000"));
        }
        redis(stack.redis().port(), commands);
        String[] contexts = {
            "{\"pageType\":\"home\",\"url\":\"/\",\"device\":\"mobile\",\"country\":\"FR\","
                    + "\"utm\":{\"source\":\"google\",\"medium\":\"cpc\",\"campaign\":\"spring-sale\"}}",
            "{\"pageType\":\"category\",\"url\":\"/c/shoes\",\"device\":\"desktop\",\"country\":\"DE\","
                    + "\"referrer\":\"https://www.google.com/\"}",
            "{\"pageType\":\"landing\",\"url\":\"/lp/autumn\",\"device\":\"tablet\",\"country\":\"US\","
                    + "\"utm\":{\"source\":\"newsletter\",\"medium\":\"email\"}}"
        };
        String slotList = json.writeValueAsString(slots);
        Histogram micros = BenchSupport.histogram();
        int filled = measure(
                http,
                url.resolve("/v1/content/decide"),
                decisions,
                d -> "{\"shopper\":{\"anonymousId\":\"bench-a-" + (d % shoppers) + "\"},\"context\":"
                        + contexts[d % contexts.length] + ",\"slots\":" + slotList + "}",
                "\"variantKey\"",
                micros);
        System.out.printf(
                Locale.ROOT,
                "content decide over HTTP: 5 slots x %d variants, %d decisions, %d slots filled%n",
                perSlot,
                decisions,
                filled);
        System.out.println(BenchSupport.latencies("decide round trip (5 slots)", micros));
        offers(url, http, shoppers, decisions);
    }

    /**
     * {@code POST /v1/offers/decide} on a product page, after two offers for two of the 40 segments are saved: first
     * for shoppers no offer targets (most pages, for most shoppers), then for shoppers an offer is shown to (read
     * back, priced and audited in PostgreSQL).
     */
    private static void offers(URI url, HttpClient http, int shoppers, int decisions) throws Exception {
        for (int o = 0; o < 2; o++) {
            String offer = "{\"kind\":\"percentage\",\"name\":\"Bench " + o + "\",\"percentOff\":10,"
                    + "\"products\":{\"productIds\":[\"bench-product-" + o + "\"]},"
                    + "\"targeting\":{\"segments\":[\"segment-" + (10 + o) + "\"]}}";
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(url.resolve("/v1/offers/bench-offer-" + o))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(offer))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("offer not saved: " + put.statusCode() + " " + put.body());
            }
        }
        // shopper i is in segment-(10 + i % 40): i % 40 < 2 is targeted by an offer
        for (boolean targeted : new boolean[] {false, true}) {
            Histogram micros = BenchSupport.histogram();
            int shown = measure(
                    http,
                    url.resolve("/v1/offers/decide"),
                    decisions,
                    d -> {
                        int i = targeted ? (d * 40 + d % 2) % shoppers : (d % (shoppers / 40)) * 40 + 2 + d % 38;
                        return "{\"shopper\":{\"anonymousId\":\"bench-a-" + i
                                + "\"},\"context\":{\"pageType\":\"product\"},\"products\":[{\"productId\":"
                                + "\"bench-product-" + d % 2 + "\",\"price\":20}]}";
                    },
                    "\"offerKey\"",
                    micros);
            System.out.printf(
                    Locale.ROOT,
                    "offers decide over HTTP, %s: %d decisions, %d offers shown%n",
                    targeted ? "shoppers an offer targets" : "shoppers no offer targets",
                    decisions,
                    shown);
            System.out.println(BenchSupport.latencies("offers decide round trip", micros));
        }
    }

    /**
     * Posts {@code body.apply(d)} to {@code endpoint}: {@code min(5000, decisions)} times to warm up, then
     * {@code decisions} times timed into {@code micros}. Returns how often {@code counted} occurs in the timed answers.
     */
    private static int measure(
            HttpClient http,
            URI endpoint,
            int decisions,
            java.util.function.IntFunction<String> body,
            String counted,
            Histogram micros)
            throws Exception {
        int found = 0;
        for (int round = 0; round < 2; round++) { // warm-up, then measure
            micros.reset();
            found = 0;
            int n = round == 0 ? Math.min(5000, decisions) : decisions;
            for (int d = 0; d < n; d++) {
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.apply(d)))
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(endpoint + " failed: " + r.statusCode() + " " + r.body());
                }
                found += r.body().split(java.util.regex.Pattern.quote(counted), -1).length - 1;
            }
        }
        return found;
    }

    /** Sends commands to Redis in one pipeline (RESP over a socket) and reads one reply line each. */
    private static void redis(int port, List<List<String>> commands) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            StringBuilder out = new StringBuilder();
            for (List<String> command : commands) {
                out.append('*').append(command.size()).append("\r\n");
                for (String arg : command) {
                    out.append('$')
                            .append(arg.getBytes(StandardCharsets.UTF_8).length)
                            .append("\r\n")
                            .append(arg)
                            .append("\r\n");
                }
            }
            socket.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < commands.size(); i++) {
                String reply = in.readLine();
                if (reply == null || reply.startsWith("-")) {
                    throw new IllegalStateException("Redis refused a command: " + reply);
                }
            }
        }
    }

    private ContentDecideLatencyBenchmark() {}
}
