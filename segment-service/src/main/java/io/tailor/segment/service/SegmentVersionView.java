package io.tailor.segment.service;

import java.time.Instant;
import java.util.Map;

/** One saved version of a segment (its history). Versions saved before names were recorded have no name. */
public record SegmentVersionView(
        int version,
        String name,
        String rule,
        String wakeUp,
        String scope,
        String template,
        Map<String, String> parameters,
        boolean enabled,
        Instant savedAt) {}
