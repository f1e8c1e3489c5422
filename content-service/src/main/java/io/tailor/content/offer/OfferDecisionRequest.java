package io.tailor.content.offer;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import java.math.BigDecimal;
import java.util.List;

/**
 * Asks which offers a shopper sees on a page and what the products cost under them (content-service's own API).
 *
 * @param products the products on the page or in the cart, with their regular prices
 * @param personalize false: only offers open to everyone (no consent, holdout); absent means true
 */
public record OfferDecisionRequest(
        ShopperRef shopper, RequestContext context, List<ProductInput> products, Boolean personalize) {

    /**
     * @param categoryPath the product's categories, broadest first
     * @param onSale whether the product is already on sale
     * @param quantity units in the cart (wholesale tiers); 1 when left out
     */
    public record ProductInput(
            String productId, BigDecimal price, List<String> categoryPath, Boolean onSale, Integer quantity) {}
}
