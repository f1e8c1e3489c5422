package io.tailor.bench.gateway;

import io.tailor.bench.BenchSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Where a decision's CPU goes: decide calls one after another against a running local platform ({@code ./tailor up}),
 * and the CPU time each of the platform's processes spent meanwhile ({@link PlatformCpu}, with the idle platform's
 * background measured first and told apart).
 *
 * <p>Calls are serial on one keep-alive connection, so the figures are a decision's own cost, not queueing: what the
 * load benchmark ({@link GatewayLoadBenchmark}) cannot separate on a saturated machine.
 *
 * <p>Usage, with the platform up: {@code BENCH_SERVICES= ./bench/run.sh gateway.DecideCpuProbe [calls=5000]
 * [warm-up calls=5000] [idle seconds=10]} ({@code BENCH_SERVICES=} keeps run.sh from repackaging the running
 * services). {@code TAILOR_URL} (default {@code http://127.0.0.1:8080}) and {@code TAILOR_KEY} (default the dev
 * secret key) say where to send them.
 */
public final class DecideCpuProbe {

    private DecideCpuProbe() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        URI gateway = URI.create(System.getenv().getOrDefault("TAILOR_URL", "http://127.0.0.1:8080"));
        String key = System.getenv().getOrDefault("TAILOR_KEY", "sk_dev_admin");
        BenchSupport.machine();
        DemoPages pages = new DemoPages(BenchSupport.root());
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SplittableRandom random = new SplittableRandom(42);
        PlatformCpu cpu = new PlatformCpu();

        cpu.idle(Duration.ofSeconds(idleSeconds));
        for (int i = 0; i < warmUp; i++) {
            send(http, gateway, key, pages.decideBody(random));
        }

        Histogram latency = new Histogram(3);
        PlatformCpu.Reading before = cpu.read();
        for (int i = 0; i < calls; i++) {
            long sent = System.nanoTime();
            send(http, gateway, key, pages.decideBody(random));
            latency.recordValue((System.nanoTime() - sent) / 1_000);
        }
        PlatformCpu.Reading after = cpu.read();
        double elapsed = (after.nanos() - before.nanos()) / 1e9;

        System.out.printf(
                Locale.ROOT,
                "decide serial: calls=%d after %d warm-up, %.0f/s, p50=%.2f p90=%.2f p99=%.2f max=%.1f ms%n",
                calls,
                warmUp,
                calls / elapsed,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
        cpu.print(before, after, calls, "decision");
    }

    private static void send(HttpClient http, URI gateway, String key, String body) throws Exception {
        HttpResponse<String> response = http.send(
                BenchSupport.postJson(gateway.resolve("/v1/decide"), key, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("decide answered " + response.statusCode() + ": " + response.body());
        }
    }
}
