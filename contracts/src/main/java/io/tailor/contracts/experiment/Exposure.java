package io.tailor.contracts.experiment;

import java.time.Instant;

/**
 * Published on {@code exposures} when a decision showed a shopper a variation. The pair (decisionId,
 * experimentKey) identifies an exposure; consumers drop repeats.
 *
 * @param unitId the value assignment hashed (anonymous id or customer id)
 * @param source decide (gateway), bandit (content), or message (journeys)
 */
public record Exposure(
        String decisionId,
        String experimentKey,
        String variationKey,
        int variationIndex,
        String unitId,
        String profileId,
        String source,
        Instant at) {}
