package io.tailor.devstack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.event.ShopperEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Loads the demo store into a running platform through the gateway's public and admin APIs, exactly as a store
 * would: the catalogue, content slots, an experiment, then the shopper history as events. Safe to run again: every
 * write is an upsert and every event id is fixed.
 */
public final class DemoSeeder {

    /** What was loaded. */
    public record Summary(int products, int events, Duration took) {}

    private static final int EVENT_BATCH = 500;
    private static final int PRODUCT_BATCH = 2_000;

    private final URI gateway;
    private final String publicKey;
    private final String secretKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = TailorJson.mapper();

    public DemoSeeder(URI gateway, String publicKey, String secretKey) {
        this.gateway = gateway;
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    public Summary seed(Path dataDir, Clock clock) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<RetailCatalog.Line> lines = RetailCatalog.lines(dataDir.resolve("online-retail-sample.csv"));
        List<RetailCatalog.Product> products =
                RetailCatalog.products(lines, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        for (int i = 0; i < products.size(); i += PRODUCT_BATCH) {
            List<RetailCatalog.Product> chunk = products.subList(i, Math.min(products.size(), i + PRODUCT_BATCH));
            send("PUT", "/v1/admin/catalog/products", secretKey, json.writeValueAsString(chunk), 200);
        }
        for (Map.Entry<String, String> experiment : DemoContent.EXPERIMENTS.entrySet()) {
            int status = send(
                    "PUT", "/v1/admin/experiments/" + experiment.getKey(), secretKey, experiment.getValue(), 200, 409);
            if (status == 200) {
                send("POST", "/v1/admin/experiments/" + experiment.getKey() + "/start", secretKey, "", 200, 409);
            }
        }
        // after the experiments: a slot's chooser names one
        for (Map.Entry<String, String> slot : DemoContent.SLOTS.entrySet()) {
            send("PUT", "/v1/admin/content/slots/" + slot.getKey(), secretKey, slot.getValue(), 200);
        }
        for (Map.Entry<String, String> segment : DemoContent.SEGMENTS.entrySet()) {
            send("PUT", "/v1/admin/segments/" + segment.getKey(), secretKey, segment.getValue(), 200);
        }
        for (Map.Entry<String, String> offer : DemoContent.OFFERS.entrySet()) {
            send("PUT", "/v1/admin/offers/" + offer.getKey(), secretKey, offer.getValue(), 200);
        }
        for (Map.Entry<String, String> journey : DemoContent.JOURNEYS.entrySet()) {
            send("PUT", "/v1/admin/journeys/" + journey.getKey(), secretKey, journey.getValue(), 200);
        }
        List<ShopperEvent> events = DemoHistory.events(lines, products, clock.instant());
        for (int i = 0; i < events.size(); i += EVENT_BATCH) {
            List<ShopperEvent> chunk = events.subList(i, Math.min(events.size(), i + EVENT_BATCH));
            send("POST", "/v1/events", publicKey, json.writeValueAsString(Map.of("events", chunk)), 202);
        }
        return new Summary(products.size(), events.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    private int send(String method, String path, String key, String body, int... accepted)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Tailor-Key", key)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int ok : accepted) {
            if (response.statusCode() == ok) {
                return ok;
            }
        }
        throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
}
