package io.tailor.gateway.api;

import io.tailor.contracts.profile.Lifecycle;

/**
 * The shopper as this decision saw them.
 *
 * @param personalized false when consent or the global holdout ruled personalization out
 * @param notPersonalizedBecause no_consent or holdout, when not personalized
 */
public record ShopperView(
        String profileId, boolean known, Lifecycle lifecycle, boolean personalized, String notPersonalizedBecause) {}
