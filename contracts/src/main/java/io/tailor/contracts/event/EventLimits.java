package io.tailor.contracts.event;

import java.time.Duration;

/**
 * Bounds a valid event stays within.
 *
 * @param maxFutureSkew how far ahead of the server clock occurredAt may be
 * @param maxAge how far in the past occurredAt may be
 * @param maxLines lines of an order or cart
 * @param maxQuantity units of one line
 * @param maxPrice price of one unit or total of an order
 */
public record EventLimits(
        Duration maxFutureSkew, Duration maxAge, int maxLines, int maxQuantity, double maxPrice, int maxTraits) {

    public static final EventLimits DEFAULT =
            new EventLimits(Duration.ofMinutes(5), Duration.ofDays(30), 200, 10_000, 1_000_000, 50);
}
