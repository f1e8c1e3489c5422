package io.tailor.contracts.segment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Published on {@code segment-changes} when a profile enters or leaves a segment.
 *
 * @param segmentVersion the version of the segment's rule that decided
 * @param reason why, in plain words (the rule and the values that made it true or false)
 */
public record SegmentChange(
        String profileId, String segmentKey, int segmentVersion, Direction direction, String reason, Instant at) {

    public enum Direction {
        ENTERED,
        EXITED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
