package io.tailor.contracts.profile;

import java.time.Instant;

/**
 * The shopper's current choices per purpose. {@code null} means never asked; what Tailor does then is the
 * documented default policy (docs/privacy.md).
 */
public record ConsentState(Boolean personalization, Boolean analytics, Boolean marketingEmail, Instant updatedAt) {

    public static final ConsentState UNKNOWN = new ConsentState(null, null, null, null);

    /** Whether personalization is allowed; without an answer the default policy decides. */
    public boolean allowsPersonalization(boolean defaultWhenUnknown) {
        return personalization == null ? defaultWhenUnknown : personalization;
    }

    /** Marketing e-mail needs an explicit yes. */
    public boolean allowsMarketingEmail() {
        return Boolean.TRUE.equals(marketingEmail);
    }
}
