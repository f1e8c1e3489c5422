package io.tailor.segment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** segment-service settings (docs/configuration.md); every one has a default. */
@ConfigMapping(prefix = "segment")
public interface SegmentConfig {

    /** How often the profiles due for time-based re-evaluation are looked at. */
    @WithDefault("10s")
    String wakeUpInterval();

    /** How often the segment definitions are re-read (changes made by other replicas). */
    @WithDefault("5s")
    String catalogRefresh();

    /**
     * Whether a shopper who never answered the personalization consent question may be placed in segments (keep it
     * equal to profile-service's {@code profile.personalization-by-default}). A refusal always keeps them out.
     */
    @WithDefault("true")
    boolean personalizationByDefault();

    /** Whether a fresh installation starts with the starter segments. */
    @WithDefault("true")
    boolean installStarterSegments();

    Rfm rfm();

    Preview preview();

    Backfill backfill();

    Index index();

    /** RFM scoring (docs/segments.md). */
    interface Rfm {

        /** How often the service checks whether the RFM boundaries are stale. */
        @WithDefault("30s")
        String checkInterval();

        /** Boundaries older than this are recomputed. */
        @WithDefault("10m")
        Duration maxAge();

        /** Recompute sooner when this share of the profiles changed since the last computation... */
        @WithDefault("0.05")
        double changedShare();

        /** ...and at least this many profiles changed. */
        @WithDefault("100")
        long minChanges();
    }

    interface Preview {

        /** Matching profiles shown by a preview unless asked otherwise. */
        @WithDefault("20")
        int defaultSample();

        /** The most matching profiles a preview shows. */
        @WithDefault("100")
        int maxSample();
    }

    interface Backfill {

        /** Membership changes applied (and published) per step of a backfill. */
        @WithDefault("500")
        int pageSize();
    }

    interface Index {

        /**
         * After loading the stored profiles at start, profiles stored this long before the load are read again
         * (changes written while the load ran).
         */
        @WithDefault("5m")
        Duration catchUp();

        /** When the profiles stored since the load are read once more (see catchUp). */
        @WithDefault("30s")
        Duration secondCatchUpAfter();

        /** Profiles read per query when loading. */
        @WithDefault("2000")
        int pageSize();
    }
}
