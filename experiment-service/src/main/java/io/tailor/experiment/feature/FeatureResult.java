package io.tailor.experiment.feature;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A feature's value for one shopper and why (GrowthBook's source names).
 *
 * @param source defaultValue (no rule applied), force, rollout, experiment, or unknownFeature (value null)
 * @param ruleIndex the index of the rule that decided, or null
 * @param experimentKey experiment rules: the experiment that decided
 * @param variationKey experiment rules: the shopper's variation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureResult(
        JsonNode value, String source, Integer ruleIndex, String experimentKey, String variationKey) {

    public static FeatureResult unknown() {
        return new FeatureResult(null, "unknownFeature", null, null, null);
    }
}
