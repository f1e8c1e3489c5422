package io.tailor.bench.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.FreePorts;
import io.tailor.devstack.ServiceProcess;
import io.tailor.segment.testing.ShopperHistories;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end on the packaged services: a shopper event on shopper-events → profile-service applies it and
 * publishes profile-changes → segment-service evaluates every segment, writes the membership to Redis and then
 * publishes segment-changes. Each shopper is new and sends one identify event with a trait naming them; a segment
 * of shoppers with that trait (created first, beside the three starter segments) takes them in. The latency is from
 * sending the event to receiving the shopper's "entered" message (written after the membership is in Redis, so
 * visible to the decide path by then); the shopper is recognised by the trait value the reason quotes. Events are
 * sent at a steady rate.
 *
 * <p>With {@code direct}, profile-service is not started: the benchmark folds each shopper's event into a profile
 * itself and publishes it on profile-changes, so the figure is segment-service's own part (profile change →
 * membership in Redis and event out).
 *
 * <p>Then (not in {@code direct} mode, where no profile-service writes the identity aliases) the decide path's read:
 * 20,000 segment lookups ({@code POST /v1/memberships/lookup}) of the measured shoppers, after 1,000 to warm up,
 * one keep-alive connection; printed as seen by the client and as timed in the service ({@code
 * tailor.segment.lookup}), and checked to find each shopper in the benchmark segment.
 *
 * <p>Usage: {@code ./bench/run.sh segment.MembershipLatencyBenchmark [events=3000] [perSecond=50] [direct]}
 */
public final class MembershipLatencyBenchmark {

    private static final String SEGMENT = "bench-shoppers";
    private static final Pattern SHOPPER = Pattern.compile("bench=(bench-[A-Za-z0-9-]+)");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        boolean direct = args.length > 2 && args[2].equals("direct");
        BenchSupport.machine();
        Path logs = BenchSupport.root().resolve("bench/target/logs");
        try (DevStack stack = BenchSupport.stack("segment-latency");
                AutoCloseable stop = BenchSupport.closeOnExit(stack)) {
            Map<String, String> profileEnv = new LinkedHashMap<>(stack.serviceEnvironment("profile"));
            profileEnv.put("PROFILE_EMAIL_HASH_KEY", "benchmark-email-hash-key");
            profileEnv.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            Map<String, String> segmentEnv = new LinkedHashMap<>(stack.serviceEnvironment("segment"));
            // nothing deletes segments here; the services that may use them are not running
            segmentEnv.put("CONTENT_SERVICE_URL", "http://127.0.0.1:9");
            segmentEnv.put("EXPERIMENT_SERVICE_URL", "http://127.0.0.1:9");
            segmentEnv.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            try (ServiceProcess profile = direct
                            ? null
                            : ServiceProcess.start(
                                    "profile-service", BenchSupport.root(), FreePorts.pick(), profileEnv, logs);
                    ServiceProcess segment = ServiceProcess.start(
                            "segment-service", BenchSupport.root(), FreePorts.pick(), segmentEnv, logs)) {
                if (profile != null) {
                    profile.awaitReady(Duration.ofMinutes(3));
                }
                segment.awaitReady(Duration.ofMinutes(3));
                HttpResponse<String> created = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(segment.url().resolve("/v1/segments/" + SEGMENT))
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"name\":\"Benchmark shoppers\",\"rule\":\"'bench' in profile.traits\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 200) {
                    throw new IllegalStateException("segment not created: " + created.body());
                }
                measure(stack.kafka().bootstrapServers(), 300, perSecond, "warm-up", direct);
                String run = measure(stack.kafka().bootstrapServers(), events, perSecond, "measured", direct);
                if (!direct) {
                    lookups(segment.url(), run, events, 20_000);
                }
            }
        }
    }

    /** Sends the events and measures; returns the run id the shoppers' ids are made of. */
    private static String measure(String kafka, int events, int perSecond, String name, boolean direct)
            throws Exception {
        ObjectMapper json = TailorJson.mapper();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram micros = BenchSupport.histogram();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + run,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class.getName()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.SEGMENT_CHANGES));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long intervalNanos = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            int sent = 0;
            long received = 0;
            long deadline = Long.MAX_VALUE;
            while (received < events && System.nanoTime() < deadline) {
                while (sent < events && System.nanoTime() >= start + sent * intervalNanos) {
                    String anonymous = "bench-" + run + "-" + sent;
                    ShopperEvent e = new ShopperHistories.Sequence(anonymous)
                            .visit(null)
                            .identify("c-" + anonymous, Map.of("bench", anonymous), Instant.now())
                            .events()
                            .getFirst();
                    if (direct) {
                        ProfileSnapshot p = ShopperHistories.fold(List.of(e), Instant.now(), run)
                                .values()
                                .iterator()
                                .next();
                        String change = json.writeValueAsString(new ProfileChange(
                                p.profileId(), 1, Instant.now(), "identify", e.eventId(), List.of(), p));
                        sentAt.put(anonymous, System.nanoTime());
                        producer.send(new ProducerRecord<>(Topics.PROFILE_CHANGES, p.profileId(), change));
                    } else {
                        sentAt.put(anonymous, System.nanoTime());
                        producer.send(new ProducerRecord<>(
                                Topics.SHOPPER_EVENTS, ShopperKeys.of(e), json.writeValueAsString(e)));
                    }
                    sent++;
                    if (sent == events) {
                        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    }
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    JsonNode change = json.readTree(r.value());
                    if (!SEGMENT.equals(change.path("segmentKey").asText())
                            || !"entered".equals(change.path("direction").asText())) {
                        continue;
                    }
                    Matcher shopper = SHOPPER.matcher(change.path("reason").asText());
                    Long at = shopper.find() ? sentAt.remove(shopper.group(1)) : null;
                    if (at != null) {
                        micros.recordValue((now - at) / 1_000);
                        received++;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "segment-latency %s: sent=%d matched=%d at %d events/s%n",
                    name,
                    sent,
                    received,
                    perSecond);
        }
        System.out.println(BenchSupport.latencies(
                "segment-latency " + name
                        + (direct
                                ? " (profile change sent -> segment-changes entered received)"
                                : " (shopper event sent -> segment-changes entered received)"),
                micros));
        return run;
    }

    private static String shopper(String run, int i) {
        String anonymous = "bench-" + run + "-" + i;
        return "{\"shopper\":{\"anonymousId\":\"" + anonymous + "\",\"customerId\":\"c-" + anonymous
                + "\"},\"context\":{\"pageType\":\"home\",\"device\":\"mobile\"}}";
    }

    private static void lookups(URI segment, String run, int shoppers, int count) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram micros = BenchSupport.histogram();
        int warmUp = 1_000;
        int found = 0;
        for (int i = 0; i < warmUp + count; i++) {
            HttpRequest request = HttpRequest.newBuilder(segment.resolve("/v1/memberships/lookup"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(shopper(run, i % shoppers)))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("lookup answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= warmUp) {
                micros.recordValue(took / 1_000);
                if (r.body().contains("\"" + SEGMENT + "\"")) {
                    found++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "segment-lookup: %d lookups, %d found the shopper in %s%n", count, found, SEGMENT);
        System.out.println(BenchSupport.latencies(
                "segment-lookup client-side (HTTP, 1 connection, after " + warmUp + " warm-up lookups)", micros));
        System.out.printf(
                Locale.ROOT,
                "segment-lookup in the service (one Redis round trip + request-time rules, last 2 min) p50=%.3fms"
                        + " p99=%.3fms p99.9=%.3fms%n",
                BenchSupport.quantileMillis(segment, "tailor_segment_lookup", "0.5"),
                BenchSupport.quantileMillis(segment, "tailor_segment_lookup", "0.99"),
                BenchSupport.quantileMillis(segment, "tailor_segment_lookup", "0.999"));
    }
}
