package io.tailor.experiment.service;

import java.util.List;
import java.util.Map;

/**
 * The stateless evaluation API, in GrowthBook's JSON shape: an experiment definition, a unit's attributes and
 * optionally the SDK context in, the SDK's result out, so any GrowthBook SDK's answer can be compared with Tailor's.
 */
public final class GrowthBookEvaluation {

    private GrowthBookEvaluation() {}

    /**
     * @param namespace [id, start, end]; ignored when filters are given (as the SDKs do)
     * @param force a variation index to return for everyone who is covered
     * @param active false turns the experiment off
     * @param status draft or stopped keep everyone out (draft before hashing, stopped after)
     * @param filters hash filters on other seeds; a unit must fall in one range of every filter
     * @param ranges explicit bucket ranges, used instead of weights and coverage
     */
    public record Experiment(
            String key,
            List<Object> variations,
            List<Double> weights,
            Double coverage,
            String hashAttribute,
            Integer hashVersion,
            String seed,
            List<Object> namespace,
            Integer force,
            Boolean active,
            String status,
            List<Filter> filters,
            List<List<Double>> ranges) {}

    /** A GrowthBook filter: the unit's hash on {@code seed} must lie in one of {@code ranges}. */
    public record Filter(String attribute, String seed, Integer hashVersion, List<List<Double>> ranges) {}

    /**
     * The SDK context that influences {@code run}.
     *
     * @param attributes the unit's attributes (used when the request has none at the top level)
     * @param enabled false keeps everyone out
     * @param url the page URL; {@code ?<experimentKey>=<index>} forces a variation
     * @param forcedVariations experiment key to forced variation index (QA)
     * @param qaMode true keeps everyone out unless forced
     */
    public record Context(
            Map<String, Object> attributes,
            Boolean enabled,
            String url,
            Map<String, Integer> forcedVariations,
            Boolean qaMode) {}

    public record Request(Experiment experiment, Map<String, Object> attributes, Context context) {}

    /**
     * @param variationId the variation shown; 0 (the control) when not in the experiment, as the SDKs answer
     * @param value the chosen variation's value (the control's when not in the experiment)
     * @param hashUsed whether the hash decided (false when forced or out)
     * @param key the variation's key: its index as a string
     * @param bucket the unit's hash in [0, 1) when the hash decided
     */
    public record Result(
            boolean inExperiment,
            int variationId,
            Object value,
            boolean hashUsed,
            String hashAttribute,
            String hashValue,
            String key,
            Double bucket) {}
}
