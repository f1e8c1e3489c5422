package io.tailor.experiment;

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
 * Stands in for segment-service's {@code GET /v1/segments/{key}}: 200 for the keys a test registered in
 * {@link #KNOWN}, 404 problem for any other, or fails like a broken or unreachable service ({@link #MODE}).
 * segment-service itself is tested in its own module and with this service in e2e-tests.
 */
public final class SegmentServiceStub implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers. */
    public enum Mode {
        /** 200 for known segments, 404 for others */
        UP,
        /** 503 for everything, as a failing service */
        FAILING,
        /** closes the connection without an answer, as a crashed or unreachable service */
        DROPPING
    }

    /** The segment keys segment-service knows. */
    public static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    public static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.UP);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/segments/", SegmentServiceStub::answer);
        server.start();
        return Map.of(
                "SEGMENT_SERVICE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/v1/segments/".length());
        switch (MODE.get()) {
            case DROPPING -> exchange.close();
            case FAILING -> send(exchange, 503, "{\"status\":503}");
            case UP -> {
                if (KNOWN.contains(key)) {
                    send(exchange, 200, "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}");
                } else {
                    send(exchange, 404, "{\"status\":404,\"detail\":\"No segment " + key + "\"}");
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
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

    /** Registers the stub for every @QuarkusTest of the module. */
    @QuarkusTestResource(value = SegmentServiceStub.class, restrictToAnnotatedClass = false)
    public static final class Registration {

        private Registration() {}
    }
}
