package io.tailor.bench.gateway;

import io.tailor.bench.BenchSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an ingested event's CPU goes: batches of events sent to a running local platform ({@code ./tailor up}) as
 * fast as the gateway acknowledges them, then the wait until profile-service has applied every acknowledged event and
 * the platform is back to its idle CPU (the other services consume the same events; profile-service's counter is read
 * only then, since scraping it costs CPU). The CPU each of the platform's
 * processes spent ({@link PlatformCpu}) is printed per 1,000 events twice: while the gateway acknowledged them, and
 * from the first batch until everything was consumed. The first shows what acknowledging costs and what the
 * consumers took meanwhile; the second what an event costs the platform in all.
 *
 * <p>Usage, with the platform up: {@code BENCH_SERVICES= ./bench/run.sh gateway.IngestCpuProbe [events=100000]
 * [warm-up events=20000] [idle seconds=10]}. Batches of 500 from four threads, as in {@link GatewayLoadBenchmark}.
 * {@code TAILOR_URL} (default {@code http://127.0.0.1:8080}), {@code TAILOR_PROFILE_URL} (profile-service, default
 * {@code http://127.0.0.1:8081}) and {@code TAILOR_KEY} (default the dev secret key) say where to send them. The events
 * are product views and carts of 20,000 shoppers {@code bench-ingest-*}, who stay in the platform's profiles.
 */
public final class IngestCpuProbe {

    private static final int WORKERS = 4;
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(2);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI gateway;
    private final URI profiles;
    private final String key;
    private final DemoPages pages;
    private long nextBatch;

    private IngestCpuProbe(URI gateway, URI profiles, String key, DemoPages pages) {
        this.gateway = gateway;
        this.profiles = profiles;
        this.key = key;
        this.pages = pages;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        BenchSupport.machine();
        IngestCpuProbe probe = new IngestCpuProbe(
                URI.create(System.getenv().getOrDefault("TAILOR_URL", "http://127.0.0.1:8080")),
                URI.create(System.getenv().getOrDefault("TAILOR_PROFILE_URL", "http://127.0.0.1:8081")),
                System.getenv().getOrDefault("TAILOR_KEY", "sk_dev_admin"),
                new DemoPages(BenchSupport.root()));
        PlatformCpu cpu = new PlatformCpu();

        cpu.idle(Duration.ofSeconds(idleSeconds));
        if (warmUp > 0) {
            double before = EventBatches.applied(probe.profiles);
            long applied = probe.send(probe.bodies(warmUp / EventBatches.SIZE));
            probe.awaitConsumed(cpu, before + applied);
        }

        List<String> bodies = probe.bodies(events / EventBatches.SIZE);
        double appliedBefore = EventBatches.applied(probe.profiles);
        PlatformCpu.Reading started = cpu.read();
        long acknowledged = probe.send(bodies);
        PlatformCpu.Reading sent = cpu.read();
        PlatformCpu.Reading drained = probe.awaitConsumed(cpu, appliedBefore + acknowledged);
        double appliedAfter = EventBatches.applied(probe.profiles);

        double sendSeconds = (sent.nanos() - started.nanos()) / 1e9;
        double allSeconds = (drained.nanos() - started.nanos()) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "ingest: %d events acknowledged in %.1f s (%.0f/s) after %d warm-up; applied by profile-service %.0f,"
                        + " lost %.0f; platform back to idle after %.1f s%n",
                acknowledged,
                sendSeconds,
                acknowledged / sendSeconds,
                warmUp,
                appliedAfter - appliedBefore,
                appliedBefore + acknowledged - appliedAfter,
                allSeconds);
        System.out.println("-- while the gateway acknowledged them");
        cpu.print(started, sent, acknowledged / 1000.0, "1,000 events");
        System.out.println("-- until every service had consumed them");
        cpu.print(started, drained, acknowledged / 1000.0, "1,000 events");
    }

    /** Request bodies of {@code count} batches, written before any clock starts. */
    private List<String> bodies(int count) {
        Instant now = Instant.now();
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(pages.eventBatchBody(nextBatch++, EventBatches.SIZE, now));
        }
        return bodies;
    }

    /** Sends the batches from four threads; the number of events acknowledged. Any refused batch ends the probe. */
    private long send(List<String> bodies) throws Exception {
        EventBatches.Sent sent = EventBatches.send(http, gateway, key, bodies, WORKERS);
        if (sent.refused() > 0) {
            throw new IllegalStateException(sent.refused() + " batches were refused");
        }
        return sent.acknowledged();
    }

    /**
     * Waits until the platform is back to idle and profile-service has applied {@code target} events in all; the
     * reading from when the last consumer had finished. The counter is read only once the platform is idle (and then
     * every second while it falls short): a scrape of profile-service's metrics costs it milliseconds of CPU, which
     * polling it during the drain would add to what the events seem to cost.
     */
    private PlatformCpu.Reading awaitConsumed(PlatformCpu cpu, double target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        PlatformCpu.Reading drained = awaitIdle(cpu);
        while (EventBatches.applied(profiles) < target) {
            if (System.nanoTime() > deadline) {
                return drained;
            }
            Thread.sleep(1_000);
            drained = awaitIdle(cpu);
        }
        return drained;
    }

    /**
     * Waits (at most ten minutes) until the platform spends no more CPU than when idle (within 50% and 20 ms a second)
     * for two windows in a row; the reading that began them, when the last consumer had finished.
     */
    private PlatformCpu.Reading awaitIdle(PlatformCpu cpu) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        double quiet = cpu.idleTotalPerSecond() * 1.5 + 20;
        PlatformCpu.Reading first = null;
        PlatformCpu.Reading previous = cpu.read();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_WINDOW);
            PlatformCpu.Reading now = cpu.read();
            if (cpu.totalPerSecond(previous, now) <= quiet) {
                if (first != null) {
                    return first;
                }
                first = previous;
            } else {
                first = null;
            }
            previous = now;
        }
        throw new IllegalStateException("the platform did not return to idle within ten minutes");
    }
}
