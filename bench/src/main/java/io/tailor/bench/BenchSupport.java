package io.tailor.bench;

import io.tailor.devstack.DevStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What benchmarks share: where they keep data, a metric reader, and how figures are printed. */
public final class BenchSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchSupport() {}

    /** The repository root (./bench/run.sh passes it as tailor.home). */
    public static Path root() {
        return Path.of(System.getProperty("tailor.home", ".")).toAbsolutePath().normalize();
    }

    /** A throw-away dev stack under bench/target/&lt;name&gt;. */
    public static DevStack stack(String name) {
        return DevStack.start(
                DevStack.Options.testRun(root().resolve("bench/target").resolve(name)));
    }

    /**
     * Stops what a benchmark started when the benchmark itself is stopped (Ctrl-C, kill): without it the services,
     * PostgreSQL, Redis and Kafka it launched would outlive it. Each resource is closed at most once, whether by
     * the benchmark's own try-with-resources or by this hook; close them through the returned wrappers.
     */
    public static AutoCloseable closeOnExit(AutoCloseable... resources) {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        AutoCloseable all = () -> {
            if (closed.compareAndSet(false, true)) {
                for (AutoCloseable r : resources) {
                    try {
                        r.close();
                    } catch (Exception e) {
                        System.err.println("could not stop " + r + ": " + e);
                    }
                }
            }
        };
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                all.close();
                            } catch (Exception ignored) {
                                // reported above
                            }
                        },
                        "bench-stop"));
        return all;
    }

    /** The value of a Prometheus counter or gauge without labels (0 when absent). */
    public static double metric(URI service, String name) throws IOException, InterruptedException {
        String body = HTTP.send(
                        HttpRequest.newBuilder(service.resolve("/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(l -> l.startsWith(name + " "))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }

    /** A quantile of a Micrometer timer published by a service, in milliseconds (NaN when absent). */
    public static double quantileMillis(URI service, String timer, String quantile)
            throws IOException, InterruptedException {
        String body = HTTP.send(
                        HttpRequest.newBuilder(service.resolve("/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String prefix = timer + "_seconds{quantile=\"" + quantile + "\"";
        return body.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) * 1000)
                .orElse(Double.NaN);
    }

    /** A JSON {@code POST} to the gateway with an API key. */
    public static HttpRequest postJson(URI uri, String apiKey, String body) {
        return HttpRequest.newBuilder(uri)
                .header("X-Tailor-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A histogram of latencies in microseconds, up to one minute. */
    public static Histogram histogram() {
        return new Histogram(Duration.ofMinutes(1).toNanos() / 1_000, 3);
    }

    /** One line of figures: {@code name key=value ...} with latencies in milliseconds. */
    public static String latencies(String name, Histogram micros) {
        return String.format(
                Locale.ROOT,
                "%s count=%d p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms",
                name,
                micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    public static void machine() {
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %d MiB max heap, %s %s, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"));
    }
}
