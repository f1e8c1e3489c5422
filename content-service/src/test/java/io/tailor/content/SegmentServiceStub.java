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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays segment-service's {@code GET /v1/segments/{key}} on a free loopback port: 200 for the keys in {@link #KNOWN},
 * a 404 problem for others, or a failing (503) or unreachable (connection closed) service, per {@link #STATE}.
 * segment-service itself is tested in its module and together with this service in e2e-tests.
 */
public final class SegmentServiceStub implements QuarkusTestResourceLifecycleManager {

    public enum State {
        UP,
        FAILING,
        UNREACHABLE
    }

    public static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    public static final AtomicReference<State> STATE = new AtomicReference<>(State.UP);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/segments/", SegmentServiceStub::handle);
        server.start();
        return Map.of(
                "SEGMENT_SERVICE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/v1/segments/".length());
        switch (STATE.get()) {
            case UNREACHABLE -> exchange.close();
            case FAILING -> reply(exchange, 503, "{\"status\":503,\"title\":\"Temporarily unavailable\"}");
            case UP ->
                reply(
                        exchange,
                        KNOWN.contains(key) ? 200 : 404,
                        KNOWN.contains(key)
                                ? "{\"key\":\"" + key + "\"}"
                                : "{\"status\":404,\"detail\":\"No segment " + key + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
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
    @QuarkusTestResource(value = SegmentServiceStub.class, restrictToAnnotatedClass = false)
    public static final class Registration {

        private Registration() {}
    }
}
