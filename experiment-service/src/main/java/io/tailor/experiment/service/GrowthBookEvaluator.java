package io.tailor.experiment.service;

import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a GrowthBook-shaped experiment for one unit, statelessly, in the order of the GrowthBook SDKs'
 * {@code run}: query-string force, context forced variations, active/draft, hash attribute, filters or namespace,
 * hash and bucket ranges, coverage, experiment force, QA mode, stopped. Conditions in GrowthBook's own targeting
 * language are not supported (Tailor targets with CEL); everything else matches the public SDK test cases.
 */
@ApplicationScoped
public class GrowthBookEvaluator {

    public GrowthBookEvaluation.Result evaluate(GrowthBookEvaluation.Request request) {
        if (request == null || request.experiment() == null) {
            throw ProblemException.invalid("experiment", "is required");
        }
        GrowthBookEvaluation.Experiment e = request.experiment();
        GrowthBookEvaluation.Context ctx = request.context() == null
                ? new GrowthBookEvaluation.Context(null, null, null, null, null)
                : request.context();
        Map<String, Object> attributes = request.attributes() != null
                ? request.attributes()
                : ctx.attributes() == null ? Map.of() : ctx.attributes();
        List<Object> variations = e.variations() == null ? List.of() : e.variations();
        String attribute = e.hashAttribute() == null || e.hashAttribute().isEmpty() ? "id" : e.hashAttribute();
        String hashValue = jsString(attributes.get(attribute));
        Outcome out = new Outcome(variations, attribute, hashValue);
        if (e.key() == null || e.key().isEmpty()) {
            throw ProblemException.invalid("experiment.key", "is required");
        }
        List<double[]> explicitRanges = ranges(e.ranges(), "experiment.ranges");
        if (e.namespace() != null
                && (e.namespace().size() != 3
                        || !(e.namespace().get(1) instanceof Number)
                        || !(e.namespace().get(2) instanceof Number))) {
            throw ProblemException.invalid("experiment.namespace", "must be [id, start, end]");
        }
        if (variations.size() < 2 || Boolean.FALSE.equals(ctx.enabled())) {
            return out.out();
        }
        Integer fromUrl = queryStringOverride(e.key(), ctx.url(), variations.size());
        if (fromUrl != null) {
            return out.forced(fromUrl);
        }
        if (ctx.forcedVariations() != null && ctx.forcedVariations().containsKey(e.key())) {
            return out.forced(ctx.forcedVariations().get(e.key()));
        }
        if ("draft".equals(e.status()) || Boolean.FALSE.equals(e.active())) {
            return out.out();
        }
        if (hashValue == null) {
            return out.out();
        }
        if (e.filters() != null && !e.filters().isEmpty()) {
            for (int i = 0; i < e.filters().size(); i++) {
                if (!passes(e.filters().get(i), attributes, "experiment.filters[" + i + "]")) {
                    return out.out();
                }
            }
        } else if (e.namespace() != null) {
            double start = ((Number) e.namespace().get(1)).doubleValue();
            double end = ((Number) e.namespace().get(2)).doubleValue();
            if (!GrowthBookHashing.inNamespace(
                    hashValue, String.valueOf(e.namespace().get(0)), start, end)) {
                return out.out();
            }
        }
        String seed = e.seed() == null || e.seed().isEmpty() ? e.key() : e.seed();
        Double n = GrowthBookHashing.hash(seed, hashValue, e.hashVersion() == null ? 1 : e.hashVersion());
        if (n == null) {
            return out.out();
        }
        if (e.coverage() != null && e.coverage().isNaN()) {
            throw ProblemException.invalid("experiment.coverage", "must be a number");
        }
        List<double[]> bucketRanges = explicitRanges != null
                ? explicitRanges
                : GrowthBookHashing.bucketRanges(
                        variations.size(), e.coverage() == null ? 1.0 : e.coverage(), e.weights());
        int assigned = GrowthBookHashing.chooseVariation(n, bucketRanges);
        if (assigned < 0) {
            return out.out();
        }
        if (e.force() != null) {
            return out.forced(e.force());
        }
        if (Boolean.TRUE.equals(ctx.qaMode()) || "stopped".equals(e.status())) {
            return out.out();
        }
        return out.hashed(assigned, n);
    }

    private static boolean passes(GrowthBookEvaluation.Filter filter, Map<String, Object> attributes, String field) {
        if (filter == null) {
            throw ProblemException.invalid(field, "a filter is required");
        }
        List<double[]> ranges = ranges(filter.ranges(), field + ".ranges");
        String value = jsString(attributes.get(filter.attribute() == null ? "id" : filter.attribute()));
        if (value == null) {
            return false;
        }
        Double n = GrowthBookHashing.hash(
                filter.seed() == null ? "" : filter.seed(),
                value,
                filter.hashVersion() == null ? 2 : filter.hashVersion());
        if (n == null || ranges == null) {
            return false;
        }
        return GrowthBookHashing.chooseVariation(n, ranges) >= 0;
    }

    private static List<double[]> ranges(List<List<Double>> raw, String field) {
        if (raw == null) {
            return null;
        }
        List<double[]> ranges = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            List<Double> r = raw.get(i);
            if (r == null || r.size() != 2 || r.get(0) == null || r.get(1) == null) {
                throw ProblemException.invalid(field + "[" + i + "]", "must be [start, end]");
            }
            ranges.add(new double[] {r.get(0), r.get(1)});
        }
        return ranges;
    }

    /**
     * The attribute as JavaScript would concatenate it, or null when JavaScript would find it falsy (missing, null,
     * "", 0, false), which keeps the unit out.
     */
    static String jsString(Object raw) {
        if (raw == null || Boolean.FALSE.equals(raw)) {
            return null;
        }
        if (raw instanceof Number number) {
            double d = number.doubleValue();
            if (d == 0 || Double.isNaN(d)) {
                return null;
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        String s = String.valueOf(raw);
        return s.isEmpty() ? null : s;
    }

    /**
     * GrowthBook's query-string override: the integer after {@code key=} in the URL's query, when it is a valid
     * variation index (JavaScript parseInt semantics: leading digits count, "2.054" is 2).
     */
    public static Integer queryStringOverride(String key, String url, int numVariations) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        String query = url.substring(q + 1);
        int nextQ = query.indexOf('?');
        if (nextQ >= 0) {
            query = query.substring(0, nextQ);
        }
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        if (query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", -1);
            if (kv[0].equals(key) && kv.length > 1) {
                Integer v = parseInt(kv[1]);
                return v != null && v >= 0 && v < numVariations ? v : null;
            }
            if (kv[0].equals(key)) {
                return null;
            }
        }
        return null;
    }

    private static Integer parseInt(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 9) {
            i++;
        }
        if (i == start) {
            return null;
        }
        return Integer.parseInt(t.substring(0, i));
    }

    private record Outcome(List<Object> variations, String attribute, String hashValue) {

        GrowthBookEvaluation.Result out() {
            return new GrowthBookEvaluation.Result(
                    false, 0, variations.isEmpty() ? null : variations.getFirst(), false, attribute, hv(), "0", null);
        }

        GrowthBookEvaluation.Result forced(Integer index) {
            if (index == null || index < 0 || index >= variations.size()) {
                return out();
            }
            return new GrowthBookEvaluation.Result(
                    true, index, variations.get(index), false, attribute, hv(), String.valueOf(index), null);
        }

        GrowthBookEvaluation.Result hashed(int index, double bucket) {
            return new GrowthBookEvaluation.Result(
                    true, index, variations.get(index), true, attribute, hv(), String.valueOf(index), bucket);
        }

        private String hv() {
            return hashValue == null ? "" : hashValue;
        }
    }
}
