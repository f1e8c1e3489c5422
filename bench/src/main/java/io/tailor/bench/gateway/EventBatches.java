package io.tailor.bench.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.bench.BenchSupport;
import io.tailor.contracts.TailorJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion as the gateway benchmarks drive it: event batches sent to {@code POST /v1/events} from a few threads as
 * fast as they are acknowledged, and profile-service's count of the events it applied.
 */
final class EventBatches {

    /** Events per batch (the gateway accepts up to 500). */
    static final int SIZE = 500;

    private static final ObjectMapper JSON = TailorJson.mapper();

    private EventBatches() {}

    /** What the gateway answered: events acknowledged, and batches refused (each printed with its answer). */
    record Sent(long acknowledged, long refused) {}

    /** Sends every body from {@code workers} threads, each taking the next unsent one; returns once all are answered. */
    static Sent send(HttpClient http, URI gateway, String key, List<String> bodies, int workers) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    int b;
                    while ((b = (int) next.getAndIncrement()) < bodies.size()) {
                        HttpResponse<String> r = http.send(
                                BenchSupport.postJson(gateway.resolve("/v1/events"), key, bodies.get(b)),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            acknowledged.addAndGet(
                                    JSON.readTree(r.body()).path("accepted").asLong());
                        } else {
                            refused.incrementAndGet();
                            System.out.printf("ingest batch refused: %d %s%n", r.statusCode(), r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Sent(acknowledged.get(), refused.get());
    }

    /** Events profile-service has applied or dead-lettered since it started. */
    static double applied(URI profiles) throws Exception {
        return BenchSupport.metric(profiles, "tailor_profile_events_applied_total")
                + BenchSupport.metric(profiles, "tailor_profile_events_dead_lettered_total");
    }
}
