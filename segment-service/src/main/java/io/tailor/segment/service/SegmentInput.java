package io.tailor.segment.service;

import java.util.Map;

/**
 * A segment as sent to the management API: either a CEL {@code rule}, or a {@code template} with parameters.
 *
 * @param scope profile (default) or request
 * @param wakeUp for time-based rules: CEL giving when membership may change (templates set it)
 */
public record SegmentInput(
        String name,
        String description,
        String rule,
        String template,
        Map<String, String> parameters,
        String scope,
        String wakeUp,
        Boolean enabled) {}
