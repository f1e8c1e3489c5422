package io.tailor.bench.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.devstack.demo.RetailCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What the gateway benchmarks send for the demo store: the decide calls of its pages (home, a product page or a
 * category page, for a customer of the shared retail dataset (70%, with a returning anonymous id) or a new visitor),
 * and batches of shopper events to ingest.
 */
final class DemoPages {

    private final ObjectMapper json = TailorJson.mapper();
    private final List<RetailCatalog.Product> products;
    private final List<String> customers;

    /** The demo store's products and customers, from {@code data/online-retail-sample.csv} under {@code root}. */
    DemoPages(Path root) throws IOException {
        List<RetailCatalog.Line> lines = RetailCatalog.lines(root.resolve("data/online-retail-sample.csv"));
        this.products = RetailCatalog.products(lines, LocalDate.now());
        this.customers = lines.stream()
                .map(RetailCatalog.Line::customerId)
                .filter(id -> id != null && !id.isBlank())
                .distinct()
                .toList();
    }

    /** One page's {@code POST /v1/decide} body, chosen with {@code random}. */
    String decideBody(SplittableRandom random) {
        String shopper = random.nextInt(10) < 7
                ? "\"customerId\":\"" + customers.get(random.nextInt(customers.size())) + "\",\"anonymousId\":\"bench-"
                        + random.nextInt(50_000) + "\""
                : "\"anonymousId\":\"bench-new-" + UUID.randomUUID() + "\"";
        RetailCatalog.Product product = products.get(random.nextInt(products.size()));
        return switch (random.nextInt(3)) {
            case 0 ->
                """
                {%s,"context":{"pageType":"home","device":"mobile"},
                 "placements":[{"placement":"home_for_you","limit":8},{"placement":"popular","limit":8}],
                 "slots":["home_hero","cart_message"]}"""
                        .formatted(shopper);
            case 1 ->
                """
                {%s,"context":{"pageType":"product","productId":"%s","device":"desktop"},
                 "placements":[{"placement":"recently_viewed","limit":6},{"placement":"popular","limit":6}]}"""
                        .formatted(shopper, product.id());
            default ->
                """
                {%s,"context":{"pageType":"category","categoryPath":%s,"device":"mobile"},
                 "placements":[{"placement":"popular","limit":12}],"slots":["home_hero"]}"""
                        .formatted(shopper, categoryJson(product));
        };
    }

    /**
     * The {@code POST /v1/events} body of batch number {@code b}: {@code size} product views and carts (one in five)
     * over the demo store's products, spread over 20,000 shoppers, timed just before {@code now}.
     */
    String eventBatchBody(long b, int size, Instant now) {
        List<ShopperEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long n = b * size + i;
            RetailCatalog.Product p = products.get((int) (n % products.size()));
            boolean cart = n % 5 == 0;
            events.add(new ShopperEvent(
                    UUID.randomUUID().toString(),
                    cart ? EventType.ADD_TO_CART : EventType.PRODUCT_VIEW,
                    now.minusMillis(1_000 - (n % 1_000)),
                    null,
                    "bench-ingest-" + (n % 20_000),
                    null,
                    "s-" + (n % 20_000),
                    EventContext.EMPTY,
                    new EventProperties(
                            p.id(),
                            p.categoryPath(),
                            p.brand(),
                            p.price(),
                            p.currency(),
                            cart ? 1 : null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));
        }
        try {
            return json.writeValueAsString(Map.of("events", events));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String categoryJson(RetailCatalog.Product product) {
        try {
            return json.writeValueAsString(product.categoryPath());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
