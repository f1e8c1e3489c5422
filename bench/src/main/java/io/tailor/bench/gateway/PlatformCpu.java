package io.tailor.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time the local platform's processes spend, read from {@code /proc} (Linux), by what they are: the six
 * services, the Kafka broker, Redis, PostgreSQL (its connections by database, so by the service that owns it), the dev
 * stack and the probe itself. The CPU probes measure the idle
 * platform first ({@link #idle}), so that its background work (Kafka polls, health checks, metrics) can be told apart
 * from what the measured calls cost.
 */
final class PlatformCpu {

    private static final String QUARKUS_JAR = "/target/quarkus-app/quarkus-run.jar";

    private final double ticksPerSecond = clockTicks();
    private Map<String, Double> idleMsPerSecond = Map.of();

    /** A reading of every platform process's CPU time so far. */
    record Reading(Map<String, Long> ticks, long nanos) {}

    Reading read() throws IOException {
        return new Reading(ticks(), System.nanoTime());
    }

    /** Measures the idle platform for {@code duration}: the background that {@link #print} subtracts. */
    void idle(Duration duration) throws IOException, InterruptedException {
        Reading before = read();
        Thread.sleep(duration);
        idleMsPerSecond = perSecond(before, read());
    }

    /** Milliseconds of CPU a second, per process, between two readings. */
    Map<String, Double> perSecond(Reading before, Reading after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        Map<String, Double> rates = new TreeMap<>();
        after.ticks()
                .forEach((name, ticks) -> rates.put(
                        name, (ticks - before.ticks().getOrDefault(name, 0L)) * 1000.0 / ticksPerSecond / seconds));
        return rates;
    }

    /** Milliseconds of CPU a second on the whole machine's platform processes, between two readings. */
    double totalPerSecond(Reading before, Reading after) {
        return perSecond(before, after).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /** The platform's idle CPU, milliseconds a second, all processes together. */
    double idleTotalPerSecond() {
        return idleMsPerSecond.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /**
     * Prints each process's CPU per {@code units} of work between two readings ({@code per}, e.g. "decision"), in
     * milliseconds, and what remains without the idle background.
     */
    void print(Reading before, Reading after, double units, String per) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-24s %9s  %19s  %28s%n",
                "process",
                "idle ms/s",
                "CPU ms per " + per,
                "without idle background");
        double total = 0;
        double totalOwn = 0;
        for (Map.Entry<String, Double> e : perSecond(before, after).entrySet()) {
            double idle = idleMsPerSecond.getOrDefault(e.getKey(), 0.0);
            double perUnit = e.getValue() * seconds / units;
            double own = perUnit - idle * seconds / units;
            total += perUnit;
            totalOwn += own;
            System.out.printf(Locale.ROOT, "%-24s %9.1f  %19.3f  %28.3f%n", e.getKey(), idle, perUnit, own);
        }
        System.out.printf(Locale.ROOT, "%-24s %9s  %19.3f  %28.3f%n", "all", "", total, totalOwn);
    }

    /** CPU time (user and system, in clock ticks) of the platform's processes, by what they are. */
    private static Map<String, Long> ticks() throws IOException {
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
        if (program.startsWith("postgres: ")) {
            // a backend's title is "postgres: <user> <database> <client>(<port>) <state>": its database says for whom
            String[] title = program.split(" ");
            return title.length > 3 && title[3].contains("(") ? "postgres (" + title[2] + ")" : "postgres";
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
