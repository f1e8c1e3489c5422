package io.tailor.content.offer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an offer gives. */
public enum OfferKind {
    /** percentOff of each eligible product */
    PERCENTAGE,
    /** amountOff each eligible product (never below 0, never deeper than the cap) */
    FIXED_AMOUNT,
    /** free shipping; product prices unchanged */
    FREE_SHIPPING,
    /** percentOff each product of the bundle when all of them are bought together */
    BUNDLE,
    /** percentOff by quantity: the highest tier whose minQuantity is reached */
    WHOLESALE_TIER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OfferKind> of(String wireName) {
        return Arrays.stream(values())
                .filter(k -> k.wireName().equals(wireName))
                .findFirst();
    }

    public static String names() {
        return String.join(
                ", ", Arrays.stream(values()).map(OfferKind::wireName).toList());
    }
}
