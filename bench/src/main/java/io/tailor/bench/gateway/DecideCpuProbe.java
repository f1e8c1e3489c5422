package io.tailor.bench.gateway;

import io.tailor.bench.BenchSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Where a decision's CPU goes: decide calls one after another against a running local platform ({@code ./tailor up}),
 * and the CPU time each of the platform's processes spent meanwhile, read from {@code /proc} (Linux). The idle
 * platform is measured first, so its background work (Kafka polls, health checks, metrics) can be told apart from
 * what the decisions cost.
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

    private static final String QUARKUS_JAR = "/target/quarkus-app/quarkus-run.jar";

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
        double ticksPerSecond = clockTicks();

        Map<String, Long> before = cpuTicks();
        long idleStarted = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(idleSeconds));
        double idleSecondsMeasured = (System.nanoTime() - idleStarted) / 1e9;
        Map<String, Double> idleMsPerSecond = perSecond(before, cpuTicks(), ticksPerSecond, idleSecondsMeasured);

        for (int i = 0; i < warmUp; i++) {
            send(http, gateway, key, pages.decideBody(random));
        }

        Histogram latency = new Histogram(3);
        before = cpuTicks();
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long sent = System.nanoTime();
            send(http, gateway, key, pages.decideBody(random));
            latency.recordValue((System.nanoTime() - sent) / 1_000);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> after = cpuTicks();

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
        System.out.println("process                  idle ms/s  CPU ms per decision  of which not idle background");
        double total = 0;
        double totalOwn = 0;
        for (Map.Entry<String, Double> e :
                perSecond(before, after, ticksPerSecond, elapsed).entrySet()) {
            double idle = idleMsPerSecond.getOrDefault(e.getKey(), 0.0);
            double perDecision = e.getValue() * elapsed / calls;
            double own = perDecision - idle * elapsed / calls;
            total += perDecision;
            totalOwn += own;
            System.out.printf(Locale.ROOT, "%-24s %9.1f  %19.3f  %28.3f%n", e.getKey(), idle, perDecision, own);
        }
        System.out.printf(Locale.ROOT, "%-24s %9s  %19.3f  %28.3f%n", "all", "", total, totalOwn);
    }

    private static void send(HttpClient http, URI gateway, String key, String body) throws Exception {
        HttpResponse<String> response = http.send(
                BenchSupport.postJson(gateway.resolve("/v1/decide"), key, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("decide answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Milliseconds of CPU a second per process, between two readings {@code seconds} apart. */
    private static Map<String, Double> perSecond(
            Map<String, Long> before, Map<String, Long> after, double ticksPerSecond, double seconds) {
        Map<String, Double> rates = new TreeMap<>();
        after.forEach((name, ticks) ->
                rates.put(name, (ticks - before.getOrDefault(name, 0L)) * 1000.0 / ticksPerSecond / seconds));
        return rates;
    }

    /** CPU time (user and system, in clock ticks) of the platform's processes, by what they are. */
    private static Map<String, Long> cpuTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String name = Long.parseLong(dir.getFileName().toString()) == self
                            ? "probe"
                            : nameOf(Files.readString(dir.resolve("cmdline"), StandardCharsets.UTF_8));
                    if (name != null) {
                        ticks.merge(name, cpuOf(Files.readString(dir.resolve("stat"))), Long::sum);
                    }
                } catch (IOException gone) {
                    // the process ended between listing and reading
                }
            }
        }
        return ticks;
    }

    /** What a process of the platform is, from its command line, or null if it is not one. */
    private static String nameOf(String cmdline) {
        List<String> argv = List.of(cmdline.split("\0"));
        for (String arg : argv) {
            if (arg.endsWith(QUARKUS_JAR)) {
                Path module = Path.of(arg.substring(0, arg.length() - QUARKUS_JAR.length()));
                return module.getFileName().toString();
            }
        }
        if (cmdline.contains("KafkaBrokerMain")) {
            return "kafka broker";
        }
        if (cmdline.contains("io.tailor.devstack")) {
            return "dev stack";
        }
        String program = argv.isEmpty() ? "" : argv.getFirst();
        if (program.contains("redis-server")) {
            return "redis";
        }
        if (program.contains("postgres")) {
            return "postgres";
        }
        return null;
    }

    /** utime + stime from {@code /proc/<pid>/stat}: fields 14 and 15, counted after the command name's ')'. */
    private static long cpuOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
