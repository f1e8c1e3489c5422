package io.tailor.recommendation.placement;

import java.util.List;

/**
 * A placement as data: which strategies fill it and how (in order, or a weighted blend), what fills in when they
 * have too little, and the rules every product must pass.
 *
 * @param key lower-case letters, digits, _ or -; at most 64 characters
 * @param strategies at least one; weights matter only for the weighted blend
 * @param blend {@code ordered} (each strategy adds what the earlier ones did not) or {@code weighted} (scores
 *     normalised per strategy, multiplied by the weights and summed)
 * @param fallbacks strategies that fill the remaining slots, in order, when the strategies had too little
 * @param defaultLimit how many products when the request does not say (1-50)
 * @param rules filters, merchandising and diversity; absent means the defaults
 */
public record PlacementDefinition(
        String key,
        String description,
        List<StrategyWeight> strategies,
        String blend,
        List<String> fallbacks,
        Integer defaultLimit,
        PlacementRules rules) {

    public static final String ORDERED = "ordered";
    public static final String WEIGHTED = "weighted";
    public static final int DEFAULT_LIMIT = 8;

    /** A strategy of a placement and its weight in a weighted blend (default 1). */
    public record StrategyWeight(String name, Double weight) {

        public double weightOrDefault() {
            return weight == null ? 1.0 : weight;
        }
    }

    public String blendOrDefault() {
        return blend == null ? ORDERED : blend;
    }

    public List<String> fallbacksOrEmpty() {
        return fallbacks == null ? List.of() : fallbacks;
    }

    public int limitOrDefault() {
        return defaultLimit == null ? DEFAULT_LIMIT : defaultLimit;
    }

    public PlacementRules rulesOrDefault() {
        return rules == null ? PlacementRules.DEFAULT : rules;
    }

    /** The same placement under another key. */
    public PlacementDefinition withKey(String newKey) {
        return new PlacementDefinition(newKey, description, strategies, blend, fallbacks, defaultLimit, rules);
    }
}
