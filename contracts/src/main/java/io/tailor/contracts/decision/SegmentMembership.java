package io.tailor.contracts.decision;

import java.time.Instant;

/**
 * One segment a shopper is in.
 *
 * @param since when the shopper entered; null for request-time segments
 * @param requestTime whether the segment was decided from this request's context
 */
public record SegmentMembership(String key, String name, Instant since, boolean requestTime) {}
