package io.tailor.experiment.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.contracts.event.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** The rules a feature definition must meet; each violation names its field (e.g. {@code rules[1].coverage}). */
public final class FeatureValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    static final Set<String> VALUE_TYPES = Set.of("boolean", "string", "number", "json");
    static final Set<String> RULE_TYPES = Set.of("force", "rollout", "experiment");
    private static final Set<String> HASH_ATTRIBUTES = Set.of("id", "anonymousId", "customerId");
    static final int MAX_RULES = 50;
    static final int MAX_VALUE_CHARS = 10_000;

    private final BiFunction<String, String, List<Violation>> conditionCheck;

    /**
     * @param conditionCheck checks a CEL condition (source, field) and returns its problems
     */
    public FeatureValidator(BiFunction<String, String, List<Violation>> conditionCheck) {
        this.conditionCheck = conditionCheck;
    }

    /**
     * @param experiments every experiment's key to its variation keys (experiment rules must name one)
     */
    public List<Violation> validate(String key, FeatureDefinition d, Map<String, List<String>> experiments) {
        List<Violation> v = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            v.add(new Violation("key", "a feature key: lower-case letters, digits, _ or - (max 64)"));
        }
        if (d == null) {
            v.add(new Violation("", "a feature definition is required"));
            return v;
        }
        if (d.description() != null && d.description().length() > 2000) {
            v.add(new Violation("description", "at most 2000 characters"));
        }
        String type = d.valueType();
        boolean typeKnown = type != null && VALUE_TYPES.contains(type);
        if (!typeKnown) {
            v.add(new Violation(
                    "valueType", "unknown value type '" + type + "'; one of boolean, string, number, json"));
        }
        value(v, "defaultValue", d.defaultValue(), typeKnown ? type : null);
        List<FeatureDefinition.Rule> rules = d.rulesOrEmpty();
        if (rules.size() > MAX_RULES) {
            v.add(new Violation("rules", "at most " + MAX_RULES + " rules"));
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(v, "rules[" + i + "]", rules.get(i), typeKnown ? type : null, experiments);
        }
        return v;
    }

    private void rule(
            List<Violation> v,
            String f,
            FeatureDefinition.Rule r,
            String valueType,
            Map<String, List<String>> experiments) {
        if (r == null) {
            v.add(new Violation(f, "a rule is required"));
            return;
        }
        if (r.type() == null || !RULE_TYPES.contains(r.type())) {
            v.add(new Violation(
                    f + ".type", "unknown rule type '" + r.type() + "'; one of force, rollout, experiment"));
            return;
        }
        if (r.description() != null && r.description().length() > 500) {
            v.add(new Violation(f + ".description", "at most 500 characters"));
        }
        List<String> segments = r.segmentsOrEmpty();
        if (segments.size() > 20) {
            v.add(new Violation(f + ".segments", "at most 20 segments"));
        }
        for (int j = 0; j < segments.size(); j++) {
            String s = segments.get(j);
            if (s == null || !KEY.matcher(s).matches()) {
                v.add(new Violation(f + ".segments[" + j + "]", "a segment key"));
            }
        }
        if (r.condition() != null) {
            if (r.condition().isBlank() || r.condition().length() > 4000) {
                v.add(new Violation(f + ".condition", "a CEL expression (max 4000 characters)"));
            } else {
                v.addAll(conditionCheck.apply(r.condition(), f + ".condition"));
            }
        }
        boolean rollout = "rollout".equals(r.type());
        boolean experiment = "experiment".equals(r.type());
        if (!experiment) {
            value(v, f + ".value", r.value(), valueType);
        } else if (r.value() != null) {
            v.add(new Violation(f + ".value", "an experiment rule takes one value per variation in 'values'"));
        }
        if (rollout) {
            if (r.coverage() == null || r.coverage().isNaN() || r.coverage() < 0 || r.coverage() > 1) {
                v.add(new Violation(f + ".coverage", "the share of units that get the value, between 0 and 1"));
            }
            if (r.seed() != null && (r.seed().isBlank() || r.seed().length() > 128)) {
                v.add(new Violation(f + ".seed", "1-128 characters"));
            }
            if (r.hashAttribute() != null && !HASH_ATTRIBUTES.contains(r.hashAttribute())) {
                v.add(new Violation(f + ".hashAttribute", "must be id, anonymousId or customerId"));
            }
            if (r.hashVersion() != null && r.hashVersion() != 1 && r.hashVersion() != 2) {
                v.add(new Violation(f + ".hashVersion", "must be 1 or 2"));
            }
        } else {
            notFor(v, f + ".coverage", r.coverage(), r.type());
            notFor(v, f + ".seed", r.seed(), r.type());
            notFor(v, f + ".hashAttribute", r.hashAttribute(), r.type());
            notFor(v, f + ".hashVersion", r.hashVersion(), r.type());
        }
        if (experiment) {
            List<String> variations = r.experiment() == null ? null : experiments.get(r.experiment());
            if (variations == null) {
                v.add(new Violation(f + ".experiment", "unknown experiment '" + r.experiment() + "'"));
            }
            Map<String, JsonNode> values = r.values() == null ? Map.of() : r.values();
            Set<String> given = new HashSet<>();
            values.forEach((variation, value) -> {
                String vf = f + ".values." + variation;
                if (variations != null && !variations.contains(variation)) {
                    v.add(new Violation(vf, "not a variation of experiment '" + r.experiment() + "': " + variations));
                } else {
                    given.add(variation);
                    value(v, vf, value, valueType);
                }
            });
            if (variations != null) {
                variations.stream()
                        .filter(x -> !given.contains(x))
                        .forEach(x -> v.add(new Violation(f + ".values", "no value for variation '" + x + "'")));
            }
        } else {
            notFor(v, f + ".experiment", r.experiment(), r.type());
            notFor(v, f + ".values", r.values(), r.type());
        }
    }

    private static void notFor(List<Violation> v, String field, Object given, String type) {
        if (given != null) {
            v.add(new Violation(field, "does not apply to a " + type + " rule"));
        }
    }

    /** Checks that a value is present and of the feature's type (type null: only presence). */
    private static void value(List<Violation> v, String field, JsonNode value, String type) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            v.add(new Violation(field, "a value is required"));
            return;
        }
        if (value.toString().length() > MAX_VALUE_CHARS) {
            v.add(new Violation(field, "at most " + MAX_VALUE_CHARS + " characters of JSON"));
            return;
        }
        if (type == null) {
            return;
        }
        boolean ok =
                switch (type) {
                    case "boolean" -> value.isBoolean();
                    case "string" -> value.isTextual();
                    case "number" -> value.isNumber();
                    default -> true;
                };
        if (!ok) {
            v.add(new Violation(field, "must be a " + type + " (the feature's valueType); got " + value));
        }
    }
}
