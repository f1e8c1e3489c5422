package io.tailor.contracts.decision;

import java.math.BigDecimal;

/**
 * A product chosen for a placement.
 *
 * @param strategy the strategy that chose it, e.g. popular or recently_viewed
 * @param reason why, in words a shopper can read ("Because you viewed ...")
 */
public record RecommendedProduct(
        String productId,
        String title,
        BigDecimal price,
        String currency,
        String imageUrl,
        String url,
        double score,
        String strategy,
        String reason) {}
