package io.tailor.segment;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for content-service and experiment-service, whose definitions may target segments: answers their list
 * endpoints (GET /v1/content/slots, GET /v1/offers, GET /v1/experiments) with what a test sets, or fails like a stopped service.
 * The services themselves are tested in their own modules and together in e2e-tests.
 */
public final class UserServicesStub implements QuarkusTestResourceLifecycleManager {

    /** The slots content-service lists. */
    public static final AtomicReference<String> SLOTS = new AtomicReference<>("[]");
    /** The offers content-service lists. */
    public static final AtomicReference<String> OFFERS = new AtomicReference<>("[]");
    /** The experiments experiment-service lists. */
    public static final AtomicReference<String> EXPERIMENTS = new AtomicReference<>("[]");
    /** Whether experiment-service answers 503 (as when it is stopped or failing). */
    public static final AtomicBoolean EXPERIMENTS_DOWN = new AtomicBoolean();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/content/slots", exchange -> answer(exchange, 200, SLOTS.get()));
        server.createContext("/v1/offers", exchange -> answer(exchange, 200, OFFERS.get()));
        server.createContext(
                "/v1/experiments",
                exchange -> answer(
                        exchange,
                        EXPERIMENTS_DOWN.get() ? 503 : 200,
                        EXPERIMENTS_DOWN.get() ? "{}" : EXPERIMENTS.get()));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("CONTENT_SERVICE_URL", url, "EXPERIMENT_SERVICE_URL", url);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
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

    /** Registers the stub for every @QuarkusTest of the module. */
    @QuarkusTestResource(value = UserServicesStub.class, restrictToAnnotatedClass = false)
    public static final class Registration {

        private Registration() {}
    }
}
