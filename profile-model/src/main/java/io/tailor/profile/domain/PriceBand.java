package io.tailor.profile.domain;

import java.math.BigDecimal;

/** The price bands interest is tracked in (unit price, store currency). */
public final class PriceBand {

    private PriceBand() {}

    public static String of(BigDecimal price) {
        if (price == null) {
            return null;
        }
        double p = price.doubleValue();
        if (p < 10) {
            return "under_10";
        }
        if (p < 25) {
            return "10_25";
        }
        if (p < 50) {
            return "25_50";
        }
        if (p < 100) {
            return "50_100";
        }
        return "100_plus";
    }
}
