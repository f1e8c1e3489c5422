package io.tailor.contracts.decision;

import io.tailor.contracts.profile.Lifecycle;
import java.util.Map;

/**
 * What the gateway needs from profile-service per decision.
 *
 * @param found whether Tailor has seen this shopper before
 * @param personalizationAllowed whether the shopper's consent (or the default policy) allows personalization
 */
public record ProfileSummary(
        String profileId,
        boolean found,
        boolean known,
        boolean personalizationAllowed,
        Lifecycle lifecycle,
        Map<String, String> traits,
        int orders,
        int sessions) {}
