package io.tailor.experiment.service;

import java.util.List;
import java.util.Map;

/**
 * An experiment as the API takes and shows it.
 *
 * @param hashAttribute which identity is hashed: id (customer id when known, else anonymous id), anonymousId or
 *     customerId
 * @param hashVersion GrowthBook hash version, 1 or 2
 * @param seed hash seed; defaults to the key
 * @param namespace mutually exclusive experiments share a namespace id and take disjoint [start, end) ranges
 * @param targeting who may enter: segments the shopper must be in (any) and a CEL rule on the request
 * @param metrics keys of the metrics the results report (empty: every configured metric)
 * @param guardrails keys of metrics that must not get worse; an alarm is raised when they do
 * @param forced QA: unit id (anonymous or customer id) to the variation key it always gets
 * @param stickyDays when set, a unit keeps its first variation for this many days, so weights may change while
 *     running without moving anyone
 */
public record ExperimentDefinition(
        String key,
        String name,
        String description,
        String status,
        List<Variation> variations,
        Double coverage,
        String hashAttribute,
        Integer hashVersion,
        String seed,
        Namespace namespace,
        Targeting targeting,
        Integer version,
        List<String> metrics,
        List<String> guardrails,
        Map<String, String> forced,
        Integer stickyDays) {

    /** One arm; weights of all arms sum to 1. */
    public record Variation(String key, String name, Double weight) {}

    public record Namespace(String id, double start, double end) {}

    /**
     * @param segments the shopper must be in one of these segments (none: everyone)
     * @param rule a CEL expression on {@code request} (and {@code profile}) that must hold, as in segments
     */
    public record Targeting(List<String> segments, String rule) {}

    public List<String> metricsOrEmpty() {
        return metrics == null ? List.of() : metrics;
    }

    public List<String> guardrailsOrEmpty() {
        return guardrails == null ? List.of() : guardrails;
    }

    public Map<String, String> forcedOrEmpty() {
        return forced == null ? Map.of() : forced;
    }
}
