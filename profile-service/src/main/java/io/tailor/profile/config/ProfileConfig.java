package io.tailor.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** profile-service settings ({@code profile.*}); the README's configuration table lists them. */
@ConfigMapping(prefix = "profile")
public interface ProfileConfig {

    /** Products kept in the recently viewed list. */
    @WithDefault("20")
    int recentlyViewedLimit();

    /** Time after which an interest (category, brand, price band) counts half. */
    @WithDefault("P14D")
    Duration affinityHalfLife();

    /** Inactivity that starts a new visit when the storefront sends no session id. */
    @WithDefault("PT30M")
    Duration sessionTimeout();

    /** Products whose purchase history is kept per profile. */
    @WithDefault("200")
    int purchasesLimit();

    /** Whether shoppers who never answered the consent question are personalized (docs/privacy.md). */
    @WithDefault("true")
    boolean personalizationByDefault();

    /** Secret key of the HMAC that hashes e-mail addresses; from the environment (PROFILE_EMAIL_HASH_KEY). */
    String emailHashKey();

    Lifecycle lifecycle();

    Privacy privacy();

    Retention retention();

    /** Erasure across services (docs/privacy.md). */
    interface Privacy {
        /** The services that must confirm an erasure before it is complete. */
        @WithDefault(
                "profile-service,segment-service,recommendation-service,content-service,experiment-service,gateway")
        java.util.List<String> services();
    }

    /** How long data is kept (docs/privacy.md). */
    interface Retention {
        /** Profiles not seen for this long are erased. */
        @WithDefault("P400D")
        Duration inactiveProfiles();

        /** Processed event ids and erasure tombstones are kept this long (longer than Kafka keeps raw events). */
        @WithDefault("P14D")
        Duration eventIds();

        /** How often retention runs. */
        @WithDefault("1h")
        String every();

        /** Profiles erased per run at most. */
        @WithDefault("500")
        int batch();
    }

    /** Lifecycle thresholds (docs/profiles.md). */
    interface Lifecycle {
        @WithDefault("2")
        int engagedSessions();

        @WithDefault("5")
        int engagedProductViews();

        @WithDefault("5")
        int loyalOrders();

        @WithDefault("P90D")
        Duration lapsingAfter();

        @WithDefault("P180D")
        Duration lapsedAfter();
    }
}
