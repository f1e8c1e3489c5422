package io.tailor.contracts.profile;

import java.time.Instant;

/**
 * How a shopper buys one product: for replenishment.
 *
 * @param averageIntervalDays mean days between purchases; null until bought twice
 */
public record PurchaseStats(
        String productId,
        int orders,
        int units,
        Instant firstPurchasedAt,
        Instant lastPurchasedAt,
        Double averageIntervalDays) {}
