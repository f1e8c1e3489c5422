package io.tailor.contracts.profile;

import java.time.Instant;
import java.util.Map;

/**
 * The few facts the decide path needs about a shopper, kept beside the full snapshot in the hot state
 * ({@link io.tailor.contracts.HotState#PROFILE_DIGEST_FIELD}) so a decision never parses a whole profile.
 */
public record ProfileDigest(
        String profileId,
        long version,
        boolean known,
        ConsentState consent,
        Map<String, String> traits,
        int sessions,
        int productViews,
        int orders,
        Instant lastOrderAt) {

    public static ProfileDigest of(ProfileSnapshot p) {
        return new ProfileDigest(
                p.profileId(),
                p.version(),
                p.known(),
                p.consentOrUnknown(),
                p.traits(),
                p.sessions(),
                p.productViews(),
                p.orders(),
                p.lastOrderAt());
    }

    public ConsentState consentOrUnknown() {
        return consent == null ? ConsentState.UNKNOWN : consent;
    }
}
