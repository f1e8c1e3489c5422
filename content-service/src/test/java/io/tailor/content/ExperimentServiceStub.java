package io.tailor.content;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the parts of experiment-service content-service uses, on a free loopback port: experiments and bandits that
 * exist ({@link #EXPERIMENTS}: key → the variation every shopper is assigned; {@link #BANDITS}: key → the arm chosen),
 * {@code POST /v1/assignments}, {@code .../choose}, and {@code .../rewards} (recorded in {@link #REWARDS}). A delay
 * ({@link #DELAY_MS}) makes it slower than content-service's timeout. experiment-service itself is tested in its module
 * and together with this service in e2e-tests.
 */
public final class ExperimentServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> EXPERIMENTS = new ConcurrentHashMap<>();
    public static final Map<String, String> BANDITS = new ConcurrentHashMap<>();
    public static final List<String> REWARDS = new CopyOnWriteArrayList<>();
    public static final AtomicLong DELAY_MS = new AtomicLong();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/v1/", ExperimentServiceStub::handle);
        server.start();
        return Map.of(
                "EXPERIMENT_SERVICE_URL",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            Thread.sleep(DELAY_MS.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (path.equals("/v1/assignments")) {
            StringBuilder assignments = new StringBuilder();
            EXPERIMENTS.forEach((key, variation) -> assignments
                    .append(assignments.isEmpty() ? "" : ",")
                    .append("{\"experimentKey\":\"%s\",\"variationKey\":\"%s\",\"variationIndex\":1,\"bucket\":0.5}"
                            .formatted(key, variation)));
            reply(exchange, 200, "{\"assignments\":[" + assignments + "],\"holdout\":false}");
            return;
        }
        String banditPrefix = "/v1/experiments/bandits/";
        if (path.startsWith(banditPrefix)) {
            String[] parts = path.substring(banditPrefix.length()).split("/");
            String key = parts[0];
            if (!BANDITS.containsKey(key)) {
                reply(exchange, 404, "{\"status\":404}");
            } else if (parts.length == 1) {
                reply(exchange, 200, "{\"key\":\"" + key + "\"}");
            } else if (parts[1].equals("choose")) {
                reply(
                        exchange,
                        200,
                        "{\"bandit\":\"%s\",\"arm\":\"%s\",\"stopped\":false}".formatted(key, BANDITS.get(key)));
            } else {
                java.util.regex.Matcher arm = java.util.regex.Pattern.compile("\"arm\"\\s*:\\s*\"([^\"]*)\"")
                        .matcher(body);
                REWARDS.add(key + ":" + (arm.find() ? arm.group(1) : "?"));
                reply(exchange, 200, "{\"key\":\"" + key + "\"}");
            }
            return;
        }
        String key = path.substring("/v1/experiments/".length());
        reply(exchange, EXPERIMENTS.containsKey(key) ? 200 : 404, "{\"key\":\"" + key + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts the stub for every @QuarkusTest of the module. */
    @QuarkusTestResource(value = ExperimentServiceStub.class, restrictToAnnotatedClass = false)
    public static final class Registration {

        private Registration() {}
    }
}
