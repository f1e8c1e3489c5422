package io.tailor.content.offer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.content.targeting.Targeting;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An offer as the admin API takes it and the {@code offer.definition} column stores it.
 *
 * @param kind an {@link OfferKind} wire name
 * @param label what the shopper reads, e.g. "15% off running shoes"
 * @param percentOff percentage and bundle offers: 0 &lt; x &le; 100 (and within the configured cap)
 * @param amountOff fixed_amount offers: the amount taken off each eligible product (&gt; 0)
 * @param bundleProductIds bundle offers: the products (2 or more) that must be bought together
 * @param tiers wholesale_tier offers: quantity thresholds and their percentOff
 * @param products the products the offer applies to; all products when left out
 * @param exclusions products never discounted by this offer
 * @param targeting who sees it, as for content variants
 * @param priority among several matching offers, higher first
 * @param start the offer window's start (inclusive); open when left out
 * @param end the offer window's end (exclusive); open when left out
 * @param priceReason why shoppers of one segment may see different prices for the same product (required when the
 *     offer makes them differ, see {@link PriceConsistency})
 */
@RegisterForReflection
public record OfferDefinition(
        String kind,
        String name,
        String label,
        BigDecimal percentOff,
        BigDecimal amountOff,
        List<String> bundleProductIds,
        List<Tier> tiers,
        Products products,
        Exclusions exclusions,
        Targeting targeting,
        Integer priority,
        Instant start,
        Instant end,
        String priceReason,
        Boolean active) {

    /** A wholesale tier: from {@code minQuantity} units, {@code percentOff}. */
    @RegisterForReflection
    public record Tier(Integer minQuantity, BigDecimal percentOff) {}

    /** The products an offer applies to: listed ids and/or categories (a product's category path contains it). */
    @RegisterForReflection
    public record Products(List<String> productIds, List<String> categories) {}

    /** Products an offer never discounts: items on sale, categories, ids. */
    @RegisterForReflection
    public record Exclusions(Boolean saleItems, List<String> categories, List<String> productIds) {}

    public OfferKind offerKind() {
        return OfferKind.of(kind).orElseThrow();
    }

    public int priorityOrZero() {
        return priority == null ? 0 : priority;
    }

    public boolean enabled() {
        return active == null || active;
    }
}
