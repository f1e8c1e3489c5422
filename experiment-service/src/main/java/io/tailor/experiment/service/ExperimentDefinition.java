package io.tailor.experiment.service;

import java.util.List;

/**
 * An experiment as the API takes and shows it.
 *
 * @param hashAttribute which identity is hashed: id (customer id when known, else anonymous id), anonymousId or
 *     customerId
 * @param hashVersion GrowthBook hash version, 1 or 2
 * @param seed hash seed; defaults to the key
 * @param namespace mutually exclusive experiments share a namespace id and take disjoint [start, end) ranges
 * @param targeting who may enter: segments the shopper must be in (any)
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
        Integer version) {

    /** One arm; weights of all arms sum to 1. */
    public record Variation(String key, String name, Double weight) {}

    public record Namespace(String id, double start, double end) {}

    public record Targeting(List<String> segments) {}
}
