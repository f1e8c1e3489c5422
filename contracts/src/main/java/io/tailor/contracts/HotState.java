package io.tailor.contracts;

import java.time.Duration;

/**
 * Redis keys that are a contract between services: one service writes them, others read them on the decide
 * path. Keys a service keeps for itself are defined in that service. Naming: {@code <owner>:<entity>:<id>}.
 */
public final class HotState {

    /** How long hot shopper state lives without activity; every write refreshes it. */
    public static final Duration SHOPPER_STATE_TTL = Duration.ofDays(30);

    private HotState() {}

    /**
     * Written by profile-service: a hash with field {@value #PROFILE_SNAPSHOT_FIELD} (the JSON
     * {@link io.tailor.contracts.profile.ProfileSnapshot}), field {@value #PROFILE_DIGEST_FIELD} (the JSON
     * {@link io.tailor.contracts.profile.ProfileDigest}) and field {@value #PROFILE_VERSION_FIELD} (their version; a
     * write never replaces a newer version).
     */
    public static String profile(String profileId) {
        return "profile:hot:" + profileId;
    }

    public static final String PROFILE_SNAPSHOT_FIELD = "snapshot";
    /** The field of {@link #profile} holding the JSON {@link io.tailor.contracts.profile.ProfileDigest}. */
    public static final String PROFILE_DIGEST_FIELD = "digest";

    public static final String PROFILE_VERSION_FIELD = "version";

    /** Written by profile-service: the profile id an anonymous id resolves to (after merges, the survivor). */
    public static String anonymousAlias(String anonymousId) {
        return "profile:alias:anonymous:" + anonymousId;
    }

    /** Written by profile-service: the profile id a customer id resolves to. */
    public static String customerAlias(String customerId) {
        return "profile:alias:customer:" + customerId;
    }

    /**
     * Written by segment-service: a hash of segment key to the epoch millisecond the profile entered it.
     */
    public static String memberships(String profileId) {
        return "segment:membership:" + profileId;
    }
}
