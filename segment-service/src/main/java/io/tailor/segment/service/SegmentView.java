package io.tailor.segment.service;

import java.time.Instant;
import java.util.Map;

/**
 * A segment as the management API shows it.
 *
 * @param size how many profiles are in it now (profile segments)
 */
public record SegmentView(
        String key,
        String name,
        String description,
        String rule,
        String wakeUp,
        String scope,
        String template,
        Map<String, String> parameters,
        boolean enabled,
        int version,
        Long size,
        Instant createdAt,
        Instant updatedAt) {}
