package io.tailor.experiment.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.rules.RuleEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A feature prepared for evaluation: conditions compiled, defaults filled in. {@link #evaluate} does no I/O; the
 * caller supplies what the rules read (segment memberships, the CEL check, the shopper's experiment variations).
 */
public record CompiledFeature(String key, JsonNode defaultValue, List<CompiledRule> rules) {

    /**
     * @param segments the shopper must be in one of these (empty: everyone)
     * @param condition compiled CEL condition, or null
     * @param values experiment rules: variation key to value
     */
    public record CompiledRule(
            String type,
            Set<String> segments,
            RuleEngine.Compiled condition,
            JsonNode value,
            double coverage,
            String seed,
            String hashAttribute,
            int hashVersion,
            String experiment,
            Map<String, JsonNode> values) {}

    /** Whether any rule targets segments (memberships must be read). */
    public boolean readsSegments() {
        return rules.stream().anyMatch(r -> !r.segments().isEmpty());
    }

    /** Whether any condition reads the profile. */
    public boolean readsProfile() {
        return rules.stream()
                .anyMatch(r -> r.condition() != null && r.condition().reads("profile"));
    }

    /** Whether any rule follows an experiment (assignments must be computed). */
    public boolean readsExperiments() {
        return rules.stream().anyMatch(r -> "experiment".equals(r.type()));
    }

    /**
     * The value for a shopper: the first rule that applies decides, else the default.
     *
     * @param memberships the shopper's segment keys (only keys are read)
     * @param conditionHolds whether a compiled condition holds for this shopper and request
     * @param variations experiment key to the shopper's variation key, for the experiments they are in
     */
    public FeatureResult evaluate(
            ShopperRef shopper,
            Map<String, ?> memberships,
            Predicate<RuleEngine.Compiled> conditionHolds,
            Map<String, String> variations) {
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule r = rules.get(i);
            if (!r.segments().isEmpty() && r.segments().stream().noneMatch(memberships::containsKey)) {
                continue;
            }
            if (r.condition() != null && !conditionHolds.test(r.condition())) {
                continue;
            }
            switch (r.type()) {
                case "force" -> {
                    return new FeatureResult(r.value(), "force", i, null, null);
                }
                case "rollout" -> {
                    if (inRollout(r.seed(), hashValue(shopper, r.hashAttribute()), r.hashVersion(), r.coverage())) {
                        return new FeatureResult(r.value(), "rollout", i, null, null);
                    }
                }
                case "experiment" -> {
                    String variation = variations.get(r.experiment());
                    JsonNode value = variation == null ? null : r.values().get(variation);
                    if (value != null) {
                        return new FeatureResult(value, "experiment", i, r.experiment(), variation);
                    }
                }
                default -> {}
            }
        }
        return new FeatureResult(defaultValue, "defaultValue", null, null, null);
    }

    /**
     * Whether a unit is in a rollout, as a GrowthBook SDK decides a rule's coverage: nobody at coverage 0, else the
     * units whose hash of seed and unit is at most the coverage. The range grows from 0, so raising the coverage
     * keeps every unit already in; a unit without the hash attribute is not in.
     */
    public static boolean inRollout(String seed, String hashValue, int hashVersion, double coverage) {
        if (coverage <= 0 || hashValue == null) {
            return false;
        }
        Double n = GrowthBookHashing.hash(seed, hashValue, hashVersion);
        return n != null && n <= coverage;
    }

    /** The shopper's value of a hash attribute (id: customer id when known, else anonymous id), or null. */
    static String hashValue(ShopperRef shopper, String attribute) {
        if (shopper == null) {
            return null;
        }
        String v =
                switch (attribute) {
                    case "anonymousId" -> shopper.anonymousId();
                    case "customerId" -> shopper.customerId();
                    default -> shopper.unitId();
                };
        return v == null || v.isEmpty() ? null : v;
    }
}
