package io.tailor.contracts.decision;

import io.tailor.contracts.event.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks which offers a shopper sees on a page and what the products cost under them (content-service's own API).
 *
 * @param products the products on the page or in the cart, with their regular prices
 * @param personalize false: only offers open to everyone (no consent, holdout); absent means true
 */
public record OfferDecisionRequest(
        ShopperRef shopper, RequestContext context, List<ProductInput> products, Boolean personalize) {

    /** Products priced in one request. */
    public static final int MAX_PRODUCTS = 100;

    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(10_000_000);

    /**
     * The problems of a list of products to price, each naming its field under {@code prefix} (e.g. {@code
     * products}); empty when the list is valid. Shared by content-service and the gateway's decide.
     */
    public static List<Violation> violations(List<ProductInput> products, String prefix) {
        List<Violation> v = new ArrayList<>();
        if (products == null) {
            return v;
        }
        if (products.size() > MAX_PRODUCTS) {
            v.add(new Violation(prefix, "at most " + MAX_PRODUCTS + " products"));
            return v;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            ProductInput p = products.get(i);
            String f = prefix + "[" + i + "]";
            if (p == null) {
                v.add(new Violation(f, "must not be null"));
                continue;
            }
            if (p.productId() == null
                    || p.productId().isBlank()
                    || p.productId().length() > 128) {
                v.add(new Violation(f + ".productId", "is required (max 128 characters)"));
            } else if (!ids.add(p.productId())) {
                v.add(new Violation(f + ".productId", "listed twice"));
            }
            if (p.price() == null || p.price().signum() < 0 || p.price().compareTo(MAX_PRICE) > 0) {
                v.add(new Violation(f + ".price", "is required: 0 or more (max 10000000)"));
            }
            if (p.quantity() != null && (p.quantity() < 1 || p.quantity() > 100_000)) {
                v.add(new Violation(f + ".quantity", "must be between 1 and 100000"));
            }
            if (p.categoryPath() != null && p.categoryPath().size() > 10) {
                v.add(new Violation(f + ".categoryPath", "may have at most 10 levels"));
            }
        }
        return v;
    }

    /**
     * @param categoryPath the product's categories, broadest first
     * @param onSale whether the product is already on sale
     * @param quantity units in the cart (wholesale tiers); 1 when left out
     */
    public record ProductInput(
            String productId, BigDecimal price, List<String> categoryPath, Boolean onSale, Integer quantity) {}
}
