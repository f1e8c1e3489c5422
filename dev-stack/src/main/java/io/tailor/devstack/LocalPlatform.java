package io.tailor.devstack;

import io.tailor.devstack.demo.DemoSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run command ({@code ./tailor up}): starts PostgreSQL, Redis and Kafka with data kept under
 * {@code .tailor/data}, the six services on their fixed ports, loads the demo store, prints where to look, and stops
 * everything cleanly on Ctrl-C. {@code --infra-only} starts only the dev stack (for {@code quarkus:dev}).
 */
public final class LocalPlatform {

    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("gateway", 8080);
        PORTS.put("profile-service", 8081);
        PORTS.put("segment-service", 8082);
        PORTS.put("recommendation-service", 8083);
        PORTS.put("content-service", 8084);
        PORTS.put("experiment-service", 8085);
    }

    public static final String PUBLIC_KEY = "pk_dev_storefront";
    public static final String SECRET_KEY = "sk_dev_admin";

    private LocalPlatform() {}

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args);
        Path root =
                Path.of(System.getProperty("tailor.home", ".")).toAbsolutePath().normalize();
        Path home = root.resolve(".tailor");
        long started = System.nanoTime();

        DevStack.Options stackOptions = DevStack.Options.localPlatform(home.resolve("data"));
        for (int port : new int[] {
            stackOptions.postgresPort(), stackOptions.redisPort(), stackOptions.kafkaPort(), stackOptions.smtpPort()
        }) {
            requireFree(port);
        }
        boolean infraOnly = flags.contains("--infra-only");
        if (!infraOnly) {
            PORTS.values().forEach(LocalPlatform::requireFree);
        }
        System.out.println("Starting PostgreSQL, Redis and Kafka (data in " + home.resolve("data") + ") ...");
        DevStack stack = DevStack.start(stackOptions);
        Platform[] platform = new Platform[1];
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Tailor ...");
                            if (platform[0] != null) {
                                platform[0].close();
                            }
                            stack.close();
                            System.out.println("Stopped.");
                        },
                        "tailor-stop"));
        for (String service : Platform.SERVICES.values()) {
            stack.postgres().ensureDatabase(service);
        }
        if (infraOnly) {
            System.out.printf(
                    "%nDev stack up: PostgreSQL 127.0.0.1:%d, Redis 127.0.0.1:%d, Kafka %s, SMTP 127.0.0.1:%d.%n"
                            + "Run a service with: ./mvnw -pl <service> quarkus:dev   (Ctrl-C here stops the stack)%n",
                    stack.postgres().port(),
                    stack.redis().port(),
                    stack.kafka().bootstrapServers(),
                    stack.mail().port());
            Thread.currentThread().join();
        }

        System.out.println("Starting the six services ...");
        platform[0] = Platform.start(
                stack,
                new Platform.Options(
                        root,
                        home.resolve("logs"),
                        PORTS,
                        PUBLIC_KEY,
                        SECRET_KEY,
                        Map.of("GATEWAY_DEMO_PUBLIC_KEY", PUBLIC_KEY)),
                Duration.ofMinutes(3));
        long upMs = (System.nanoTime() - started) / 1_000_000;

        String demo = "";
        if (!flags.contains("--no-demo")) {
            Path data = root.resolve("data");
            if (Files.isDirectory(data)) {
                System.out.println("Loading the demo store from " + data + " ...");
                DemoSeeder.Summary summary = new DemoSeeder(
                                platform[0].service("gateway").url(), PUBLIC_KEY, SECRET_KEY)
                        .seed(data, Clock.systemUTC());
                demo = "Demo store: %d products and %d shopper events loaded in %d s.%n"
                        .formatted(
                                summary.products(),
                                summary.events(),
                                summary.took().toSeconds());
            }
        }
        printWelcome(upMs, demo, home);
        Thread.currentThread().join();
    }

    private static void printWelcome(long upMs, String demo, Path home) {
        StringBuilder out = new StringBuilder();
        out.append("\n  Tailor is running (up in %.1f s). %s%n".formatted(upMs / 1000.0, demo));
        out.append("  Demo storefront      http://localhost:8080/\n");
        out.append("  Storefront API       http://localhost:8080/v1/decide, /v1/events  (X-Tailor-Key: " + PUBLIC_KEY
                + ")\n");
        out.append("  Admin API            http://localhost:8080/v1/admin/...            (X-Tailor-Key: " + SECRET_KEY
                + ")\n");
        out.append("  Journey e-mail       delivered over SMTP to 127.0.0.1:11025 (GreenMail, kept in memory);"
                + " message log at /v1/admin/messages\n\n");
        out.append("  Service                 Swagger UI                              Health / metrics\n");
        PORTS.forEach((name, port) ->
                out.append("  %-22s  http://localhost:%d/q/swagger-ui   http://localhost:%d/q/health  /q/metrics%n"
                        .formatted(name, port, port, port)));
        out.append("\n  Logs in %s; data in %s.%n".formatted(home.resolve("logs"), home.resolve("data")));
        out.append("  Ctrl-C stops everything (data is kept; delete .tailor/ to start afresh).\n");
        System.out.println(out);
    }

    private static void requireFree(int port) {
        if (FreePorts.isListening(port)) {
            throw new IllegalStateException("Port " + port + " is in use. Is Tailor already running? Stop it with"
                    + " Ctrl-C (or ./tailor down), or free the port.");
        }
    }
}
