package io.tailor.experiment.service;

import io.tailor.contracts.event.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules an experiment definition must meet; each violation names its field. */
public final class ExperimentValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    private static final Set<String> HASH_ATTRIBUTES = Set.of("id", "anonymousId", "customerId");

    /** Keys taken by the API's own paths under /v1/experiments. */
    static final Set<String> RESERVED = Set.of("evaluate", "metrics", "bandits", "features", "global-holdout");

    private final TargetingRules rules;

    public ExperimentValidator(TargetingRules rules) {
        this.rules = rules;
    }

    /**
     * @param knownMetrics the configured metric keys
     */
    public List<Violation> validate(String key, ExperimentDefinition d, Set<String> knownMetrics) {
        List<Violation> v = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            v.add(new Violation("key", "an experiment key: lower-case letters, digits, _ or - (max 64)"));
        } else if (RESERVED.contains(key)) {
            v.add(new Violation("key", "'" + key + "' is reserved"));
        }
        if (d == null) {
            v.add(new Violation("", "an experiment definition is required"));
            return v;
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        List<ExperimentDefinition.Variation> variations = d.variations() == null ? List.of() : d.variations();
        if (variations.size() < 2 || variations.size() > 20) {
            v.add(new Violation("variations", "an experiment has 2 to 20 variations"));
        }
        Set<String> keys = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < variations.size(); i++) {
            ExperimentDefinition.Variation x = variations.get(i);
            String f = "variations[" + i + "]";
            if (x == null || x.key() == null || !KEY.matcher(x.key()).matches()) {
                v.add(new Violation(f + ".key", "a variation key: lower-case letters, digits, _ or -"));
            } else if (!keys.add(x.key())) {
                v.add(new Violation(f + ".key", "duplicate key '" + x.key() + "'"));
            }
            if (x != null && x.weight() != null) {
                if (x.weight() < 0 || x.weight() > 1 || x.weight().isNaN()) {
                    v.add(new Violation(f + ".weight", "must be between 0 and 1"));
                }
                sum += x.weight();
            }
        }
        boolean anyWeight = variations.stream().anyMatch(x -> x != null && x.weight() != null);
        boolean allWeights = variations.stream().allMatch(x -> x != null && x.weight() != null);
        if (anyWeight && !allWeights) {
            v.add(new Violation("variations", "give a weight to every variation or to none (equal split)"));
        } else if (allWeights && !variations.isEmpty() && Math.abs(sum - 1) > 0.001) {
            v.add(new Violation("variations", "weights must sum to 1; they sum to " + sum));
        }
        if (d.coverage() != null
                && (d.coverage() < 0 || d.coverage() > 1 || d.coverage().isNaN())) {
            v.add(new Violation("coverage", "must be between 0 and 1"));
        }
        if (d.hashVersion() != null && d.hashVersion() != 1 && d.hashVersion() != 2) {
            v.add(new Violation("hashVersion", "must be 1 or 2"));
        }
        if (d.hashAttribute() != null && !HASH_ATTRIBUTES.contains(d.hashAttribute())) {
            v.add(new Violation("hashAttribute", "must be id, anonymousId or customerId"));
        }
        if (d.seed() != null && (d.seed().isBlank() || d.seed().length() > 128)) {
            v.add(new Violation("seed", "1-128 characters"));
        }
        if (d.namespace() != null) {
            ExperimentDefinition.Namespace ns = d.namespace();
            if (ns.id() == null || !KEY.matcher(ns.id()).matches()) {
                v.add(new Violation("namespace.id", "a namespace key"));
            }
            if (ns.start() < 0 || ns.end() > 1 || ns.start() >= ns.end()) {
                v.add(new Violation("namespace", "needs 0 <= start < end <= 1"));
            }
        }
        if (d.targeting() != null && d.targeting().segments() != null) {
            for (int i = 0; i < d.targeting().segments().size(); i++) {
                String s = d.targeting().segments().get(i);
                if (s == null || !KEY.matcher(s).matches()) {
                    v.add(new Violation("targeting.segments[" + i + "]", "a segment key"));
                }
            }
        }
        if (d.targeting() != null && d.targeting().rule() != null) {
            v.addAll(rules.check(d.targeting().rule(), "targeting.rule"));
        }
        metricKeys(v, "metrics", d.metricsOrEmpty(), knownMetrics);
        metricKeys(v, "guardrails", d.guardrailsOrEmpty(), knownMetrics);
        Set<String> variationKeys = new HashSet<>();
        variations.stream().filter(x -> x != null && x.key() != null).forEach(x -> variationKeys.add(x.key()));
        if (d.forcedOrEmpty().size() > 100) {
            v.add(new Violation("forced", "at most 100 forced units"));
        }
        d.forcedOrEmpty().forEach((unit, variation) -> {
            if (unit == null || unit.isBlank() || unit.length() > 128) {
                v.add(new Violation("forced", "unit ids are 1-128 characters"));
            } else if (variation == null || !variationKeys.contains(variation)) {
                v.add(new Violation("forced." + unit, "not a variation of this experiment: " + variation));
            }
        });
        if (d.stickyDays() != null && (d.stickyDays() < 1 || d.stickyDays() > 365)) {
            v.add(new Violation("stickyDays", "between 1 and 365 days"));
        }
        return v;
    }

    private static void metricKeys(List<Violation> v, String field, List<String> keys, Set<String> known) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            if (k == null || !known.contains(k)) {
                v.add(new Violation(
                        field + "[" + i + "]",
                        "unknown metric '" + k + "'; configured: "
                                + known.stream().sorted().toList()));
            } else if (!seen.add(k)) {
                v.add(new Violation(field + "[" + i + "]", "duplicate metric '" + k + "'"));
            }
        }
    }
}
