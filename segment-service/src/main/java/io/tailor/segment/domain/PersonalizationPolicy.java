package io.tailor.segment.domain;

import io.tailor.contracts.profile.ProfileSnapshot;

/**
 * Who may be placed in segments: segments are personalization, so only shoppers whose personalization consent
 * allows it. A refusal keeps the shopper out of every segment (and takes them out when they withdraw it); a shopper
 * who never answered follows the same default as profile-service ({@code profile.personalization-by-default}).
 *
 * @param byDefault whether a shopper who never answered is personalized
 */
public record PersonalizationPolicy(boolean byDefault) {

    /** The reason of exits caused by a refusal. */
    public static final String NO_CONSENT = "no personalization consent";

    public boolean allows(ProfileSnapshot profile) {
        return profile.consentOrUnknown().allowsPersonalization(byDefault);
    }
}
