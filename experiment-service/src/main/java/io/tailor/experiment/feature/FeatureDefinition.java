package io.tailor.experiment.feature;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A feature as the API takes and shows it: a setting with a default value and ordered rules, like a GrowthBook
 * feature. The first rule that applies to a shopper decides the value; when none does, the default is served.
 *
 * @param valueType boolean, string, number or json; the default and every rule value must be of this type
 * @param defaultValue served when no rule applies
 * @param rules evaluated in order
 * @param version the saved version (read only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureDefinition(
        String key,
        String description,
        String valueType,
        JsonNode defaultValue,
        List<Rule> rules,
        Integer version,
        String updatedAt) {

    /**
     * One rule. Every rule may be limited to shoppers in one of {@code segments} for whom {@code condition} (CEL, as
     * experiment targeting) holds; a shopper it does not apply to falls through to the next rule.
     *
     * @param type {@code force} (everyone it applies to gets {@code value}), {@code rollout} ({@code coverage} of
     *     the units get {@code value}, by GrowthBook hashing of {@code seed} and the unit) or {@code experiment}
     *     (units assigned to the running experiment {@code experiment} get the value of their variation in
     *     {@code values})
     * @param coverage rollout: the share of units, in [0, 1]; a unit is in when its hash is at most the coverage, so
     *     raising it keeps everyone already in
     * @param seed rollout: hash seed, defaults to the feature key
     * @param hashAttribute rollout: id (customer id when known, else anonymous id), anonymousId or customerId
     * @param hashVersion rollout: GrowthBook hash version, 1 or 2 (default 2)
     * @param experiment experiment: the key of the experiment whose assignment decides
     * @param values experiment: variation key to value, for every variation of the experiment
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(
            String type,
            String description,
            List<String> segments,
            String condition,
            JsonNode value,
            Double coverage,
            String seed,
            String hashAttribute,
            Integer hashVersion,
            String experiment,
            Map<String, JsonNode> values) {

        public List<String> segmentsOrEmpty() {
            return segments == null ? List.of() : segments;
        }
    }

    public List<Rule> rulesOrEmpty() {
        return rules == null ? List.of() : rules;
    }
}
