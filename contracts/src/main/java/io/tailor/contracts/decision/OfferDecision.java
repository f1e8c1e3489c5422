package io.tailor.contracts.decision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The offers a shopper sees, each with its prices and why (content-service's own API). */
public record OfferDecision(List<ShownOffer> offers) {

    /**
     * @param matchedRule the targeting that matched, e.g. {@code segment=repeat-customer} or {@code everyone}
     * @param explanation why the shopper sees it, in plain words
     * @param validUntil the end of the offer window, if any
     * @param prices the products this offer prices (each product is priced by one offer at most)
     */
    public record ShownOffer(
            String offerKey,
            String kind,
            String label,
            String matchedRule,
            String explanation,
            Instant validUntil,
            boolean freeShipping,
            List<Price> prices) {}

    /**
     * @param pinned true when this is the price the shopper was already shown in this offer window
     */
    public record Price(
            String productId, BigDecimal price, BigDecimal offerPrice, BigDecimal percentOff, boolean pinned) {}
}
