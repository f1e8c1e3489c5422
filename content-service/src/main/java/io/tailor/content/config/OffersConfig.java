package io.tailor.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/** Guardrails of offers (CONTENT_OFFERS_* in the environment). */
@ConfigMapping(prefix = "content.offers")
public interface OffersConfig {

    /** The deepest discount any offer may give, in percent: deeper offers are refused on save and capped when priced. */
    @WithDefault("50")
    BigDecimal maxDiscountPercent();

    /** How many different offers one shopper may be shown within {@link #shopperWindow()}. */
    @WithDefault("3")
    int maxPerShopper();

    /** The rolling window of {@link #maxPerShopper()}. */
    @WithDefault("P7D")
    Duration shopperWindow();

    /**
     * How long offer audit rows are kept. A price shown longer ago than this is no longer pinned for the shopper, and
     * the audit page no longer lists it.
     */
    @WithDefault("P400D")
    Duration auditRetention();
}
