package io.tailor.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Tailor service run as its packaged application ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM,
 * configured only through its environment, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * A heap that starts small and may grow to 512 MiB. A fixed 512 MiB heap was measured to be slower on the 2-core
     * benchmark machine (docs/benchmarks.md, gateway), so the small start stays the default.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m");

    /**
     * The gateway owns the decision deadline (50 ms), so it runs ZGC, whose pauses stay under a millisecond. With G1,
     * its young pauses on the busy two-core test machine took 13 to 33 ms, and a decision in flight during one
     * overran the deadline whatever its timers did (docs/adr/0008). The other services' pauses only make their own
     * part late, which the gateway serves by a fallback in time.
     */
    static final List<String> GATEWAY_JVM_OPTIONS = List.of("-XX:+UseZGC");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code <projectRoot>/<name>/target/quarkus-app/quarkus-run.jar} on {@code port}.
     *
     * @param env the service's environment (dependency addresses etc.); the port is added
     */
    public static ServiceProcess start(String name, Path projectRoot, int port, Map<String, String> env, Path logDir) {
        Path jar = projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions(name, System.getenv("TAILOR_SERVICE_JVM_OPTS")));
            command.addAll(List.of(
                    "-XX:+ExitOnOutOfMemoryError",
                    "--add-opens",
                    "java.base/java.lang=ALL-UNNAMED",
                    "-jar",
                    jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Heap and GC options for a service's JVM: {@code TAILOR_SERVICE_JVM_OPTS} when set (space-separated), otherwise
     * {@link #DEFAULT_JVM_OPTIONS}; the gateway's add {@link #GATEWAY_JVM_OPTIONS} unless they choose a collector.
     */
    static List<String> jvmOptions(String service, String configured) {
        List<String> options = configured == null || configured.isBlank()
                ? DEFAULT_JVM_OPTIONS
                : List.of(configured.trim().split("\\s+"));
        if (!"gateway".equals(service) || options.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
            return options;
        }
        List<String> gateway = new ArrayList<>(options);
        gateway.addAll(GATEWAY_JVM_OPTIONS);
        return List.copyOf(gateway);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service's readiness check answers UP. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(url().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; last log lines:\n" + tail(40));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            FreePorts.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; last log lines:\n" + tail(40));
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the service at once (SIGKILL), as a crash would: no shutdown hooks, no commits. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service gracefully (SIGTERM), forcibly after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
