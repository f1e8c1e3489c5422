package io.tailor.bench.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.TailorJson;
import io.tailor.devstack.demo.RetailCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The decide calls of the demo store's pages, as the gateway benchmarks send them: home, a product page or a category
 * page, for a customer of the shared retail dataset (70%, with a returning anonymous id) or a new visitor.
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

    List<RetailCatalog.Product> products() {
        return products;
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

    private String categoryJson(RetailCatalog.Product product) {
        try {
            return json.writeValueAsString(product.categoryPath());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
