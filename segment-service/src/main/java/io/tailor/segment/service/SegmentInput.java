package io.tailor.segment.service;

import java.util.Map;

/**
 * A segment as sent to the management API: either a CEL {@code rule}, or a {@code template} with parameters.
 *
 * @param scope profile (default) or request
 * @param wakeUp for time-based rules: CEL giving when membership may change with time alone (templates set it)
 * @param enabled whether it is evaluated (default true)
 * @param expectedVersion when given, the save is refused (409) unless this is the stored version: no lost updates
 *     when two people edit the same segment
 */
public record SegmentInput(
        String name,
        String description,
        String rule,
        String template,
        Map<String, String> parameters,
        String scope,
        String wakeUp,
        Boolean enabled,
        Integer expectedVersion) {

    public SegmentInput(
            String name,
            String description,
            String rule,
            String template,
            Map<String, String> parameters,
            String scope,
            String wakeUp,
            Boolean enabled) {
        this(name, description, rule, template, parameters, scope, wakeUp, enabled, null);
    }
}
