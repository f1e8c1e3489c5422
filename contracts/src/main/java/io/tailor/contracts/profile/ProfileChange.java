package io.tailor.contracts.profile;

import java.time.Instant;
import java.util.List;

/**
 * Published on {@code profile-changes} after profile-service applied something to a profile.
 *
 * @param cause what changed it: an event type (e.g. add_to_cart), {@code merge}, {@code traits},
 *     {@code consent} or {@code erase}
 * @param causeEventId the shopper event that changed it, when an event did
 * @param mergedProfileIds profiles folded into this one by identity stitching
 * @param profile the profile after the change; null when the profile was erased
 */
public record ProfileChange(
        String profileId,
        long version,
        Instant changedAt,
        String cause,
        String causeEventId,
        List<String> mergedProfileIds,
        ProfileSnapshot profile) {

    public boolean erased() {
        return profile == null;
    }
}
