package io.tailor.segment.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A segment as the management API shows it.
 *
 * @param fields the profile and request fields the rule reads
 * @param size how many profiles are in it now (profile segments)
 * @param backfill the latest re-evaluation of the stored profiles for it (on this replica), if any
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
        List<String> fields,
        Long size,
        BackfillService.Status backfill,
        Instant createdAt,
        Instant updatedAt) {}
