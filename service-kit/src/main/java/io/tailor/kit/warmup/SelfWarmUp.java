package io.tailor.kit.warmup;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Warms a service's hot endpoints before it takes traffic. A freshly started JVM runs its code interpreted, so a
 * service restarted alone (a rolling deployment, a crash) would answer the gateway's first few thousand decide calls
 * slower than their deadlines, and the gateway would serve fallbacks until the JIT caught up (a minute and more on a
 * busy node). On start the service calls its own endpoints ({@link WarmUpConfig#calls()}) over HTTP on loopback, so
 * the whole path is compiled, HTTP and JSON included, and its readiness check {@code warm-up} stays down until that
 * is done or {@link WarmUpConfig#maxDuration()} has passed. The calls use shoppers {@code warm-up-0} to
 * {@code warm-up-63}, as the gateway's own warm-up does.
 */
@ApplicationScoped
@Readiness
public class SelfWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SelfWarmUp.class);
    private static final int WORKERS = 2;

    private final WarmUpConfig config;
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile boolean done;

    public SelfWarmUp(WarmUpConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (config.requests() <= 0 || config.calls().isEmpty()) {
            done = true;
            return;
        }
        URI base = URI.create("http://127.0.0.1:" + httpPort());
        Thread.ofPlatform().daemon().name("self-warm-up").start(() -> warm(base));
    }

    private void warm(URI base) {
        long begun = System.nanoTime();
        long deadline = begun + config.maxDuration().toNanos();
        // StartupEvent comes before the HTTP server listens
        while (!listening(base) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = true;
                return;
            }
        }
        try (HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            List<Thread> workers = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(
                        Thread.ofPlatform().daemon().name("self-warm-up-" + w).start(() -> {
                            for (int i = next.getAndIncrement();
                                    i < config.requests() && System.nanoTime() < deadline;
                                    i = next.getAndIncrement()) {
                                for (Map.Entry<String, WarmUpConfig.Call> call :
                                        config.calls().entrySet()) {
                                    send(http, base, call.getKey(), call.getValue(), i % 64);
                                }
                            }
                        }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            LOG.infof(
                    "Warmed up: %d calls in %d ms (%d refused, %d unanswered)",
                    made.get(), (System.nanoTime() - begun) / 1_000_000, refused.get(), unanswered.get());
        }
    }

    private static boolean listening(URI base) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void send(HttpClient http, URI base, String name, WarmUpConfig.Call call, int shopper) {
        String n = Integer.toString(shopper);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve(call.path().replace("{n}", n)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if ("GET".equalsIgnoreCase(call.method())) {
            request.GET();
        } else {
            request.method(
                    call.method().toUpperCase(java.util.Locale.ROOT),
                    HttpRequest.BodyPublishers.ofString(call.body().orElse("{}").replace("{n}", n)));
        }
        made.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                // a call this service refuses: its configured request is wrong, or the endpoint is broken
                fail(refused, name, "HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            // too slow or cut off; on a busy node the first cold calls can be
            fail(unanswered, name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(AtomicInteger counter, String name, String why) {
        // the first failure of each kind says why; the counts are in the readiness data
        if (counter.getAndIncrement() == 0) {
            LOG.warnf("Warm-up call '%s' failed (warming goes on, readiness is not held back): %s", name, why);
        }
    }

    /** The port this service listens on; Quarkus records the real one when a random port (0) was asked for. */
    private static int httpPort() {
        String name = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String actual = System.getProperty(name);
        if (actual != null) {
            return Integer.parseInt(actual);
        }
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up")
                .status(done)
                .withData("calls", made.get())
                .withData("refused", refused.get())
                .withData("unanswered", unanswered.get())
                .build();
    }
}
