package io.tailor.bench.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.ServiceProcess;
import io.tailor.devstack.demo.DemoHistory;
import io.tailor.devstack.demo.RetailCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * profile-service throughput and hot-read latency. Loads N events (the real retail history, replicated with other
 * shopper ids) into shopper-events, starts profile-service as its packaged application, and measures how fast it
 * applies the backlog to PostgreSQL and Redis (from its applied-events counter); then measures the decide path's
 * hot profile read (GET /v1/profiles/summary) from keep-alive connections, one per reader.
 *
 * <p>Usage: {@code ./bench/run.sh profile.ProfileIngestBenchmark [events=200000] [reads=50000] [readers=1]}
 */
public final class ProfileIngestBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        // readers in parallel: on two cores shared with the service, Redis and Kafka, more readers measure queueing
        int readers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        BenchSupport.machine();
        try (DevStack stack = BenchSupport.stack("profile-ingest");
                AutoCloseable stop = BenchSupport.closeOnExit(stack)) {
            List<String> shoppers = load(stack, events);
            Map<String, String> env = new java.util.LinkedHashMap<>(stack.serviceEnvironment("profile"));
            env.put("PROFILE_EMAIL_HASH_KEY", "benchmark-email-hash-key");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            try (ServiceProcess service = ServiceProcess.start(
                    "profile-service",
                    BenchSupport.root(),
                    io.tailor.devstack.FreePorts.pick(),
                    env,
                    BenchSupport.root().resolve("bench/target/logs"))) {
                service.awaitReady(Duration.ofMinutes(2));
                drain(service.url(), events);
                read(service.url(), shoppers, reads, readers);
            }
        }
    }

    /** Produces the events; returns the anonymous ids of the shoppers. */
    private static List<String> load(DevStack stack, int count) throws Exception {
        List<RetailCatalog.Line> lines =
                RetailCatalog.lines(BenchSupport.root().resolve("data/online-retail-sample.csv"));
        List<ShopperEvent> history =
                DemoHistory.events(lines, RetailCatalog.products(lines, LocalDate.now()), Instant.now());
        ObjectMapper json = TailorJson.mapper();
        List<String> shoppers = new ArrayList<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                10,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()))) {
            Future<?> last = null;
            for (int i = 0; i < count; i++) {
                int replica = i / history.size();
                ShopperEvent e = history.get(i % history.size());
                String anonymous = e.anonymousId() + "-r" + replica;
                String customer = e.customerId() == null ? null : e.customerId() + "-r" + replica;
                ShopperEvent copy = new ShopperEvent(
                        UUID.randomUUID().toString(),
                        e.type(),
                        e.occurredAt(),
                        Instant.now(),
                        anonymous,
                        customer,
                        e.sessionId() + "-r" + replica,
                        e.context(),
                        orderIdPerReplica(e.propertiesOrEmpty(), replica));
                if (i % history.size() == 0 || ThreadLocalRandom.current().nextInt(50) == 0) {
                    shoppers.add(anonymous);
                }
                last = producer.send(new ProducerRecord<>(
                        Topics.SHOPPER_EVENTS, ShopperKeys.of(copy), json.writeValueAsString(copy)));
            }
            producer.flush();
            last.get();
        }
        System.out.printf(
                Locale.ROOT,
                "loaded %d events into shopper-events in %.1f s%n",
                count,
                (System.nanoTime() - started) / 1e9);
        return shoppers;
    }

    private static EventProperties orderIdPerReplica(EventProperties p, int replica) {
        if (p.orderId() == null) {
            return p;
        }
        return new EventProperties(
                p.productId(),
                p.categoryPath(),
                p.brand(),
                p.price(),
                p.currency(),
                p.quantity(),
                p.query(),
                p.resultCount(),
                p.orderId() + "-r" + replica,
                p.lines(),
                p.total(),
                p.messageId(),
                p.campaign(),
                p.email(),
                p.traits(),
                p.consent(),
                p.consentSource());
    }

    private static void drain(URI service, int events) throws Exception {
        long first = 0;
        double applied = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (applied < events && System.nanoTime() < deadline) {
            applied = BenchSupport.metric(service, "tailor_profile_events_applied_total")
                    + BenchSupport.metric(service, "tailor_profile_events_dead_lettered_total");
            if (first == 0 && applied > 0) {
                first = System.nanoTime();
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - first) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "profile-ingest events=%d applied=%.0f seconds=%.1f events/s=%.0f%n",
                events,
                applied,
                seconds,
                applied / seconds);
    }

    private static void read(URI service, List<String> shoppers, int reads, int threads) throws Exception {
        Histogram all = BenchSupport.histogram();
        List<Thread> workers = new ArrayList<>();
        List<Histogram> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram h = BenchSupport.histogram();
            parts.add(h);
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                for (int i = 0; i < reads / threads; i++) {
                    String shopper = shoppers.get((i * threads + offset) % shoppers.size());
                    HttpRequest request = HttpRequest.newBuilder(service.resolve("/v1/profiles/summary?anonymousId="
                                    + java.net.URLEncoder.encode(shopper, StandardCharsets.UTF_8)))
                            .build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("summary answered " + r.statusCode());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (i >= 1_000) {
                        h.recordValue((System.nanoTime() - start) / 1_000);
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        parts.forEach(all::add);
        System.out.println(BenchSupport.latencies(
                "profile-hot-read client-side (HTTP summary, " + threads
                        + " connection(s), after 1000 warm-up reads each)",
                all));
        System.out.printf(
                Locale.ROOT,
                "profile-hot-read in the service (Redis digest read, last 2 min) p50=%.3fms"
                        + " p99=%.3fms p99.9=%.3fms%n",
                BenchSupport.quantileMillis(service, "tailor_profile_hot_read", "0.5"),
                BenchSupport.quantileMillis(service, "tailor_profile_hot_read", "0.99"),
                BenchSupport.quantileMillis(service, "tailor_profile_hot_read", "0.999"));
    }
}
