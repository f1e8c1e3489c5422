package io.tailor.experiment.service;

import java.util.List;
import java.util.Map;

/**
 * The stateless evaluation API, in GrowthBook's JSON shape: an experiment definition and a unit's attributes in,
 * the SDK's result out, so any GrowthBook SDK's answer can be compared with Tailor's.
 */
public final class GrowthBookEvaluation {

    private GrowthBookEvaluation() {}

    /**
     * @param namespace [id, start, end]
     * @param force a variation index to return for everyone
     * @param active false turns the experiment off
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
            Boolean active) {}

    public record Request(Experiment experiment, Map<String, Object> attributes) {}

    /**
     * @param variationId -1 when not in the experiment
     * @param value the chosen variation's value (the control's when not in the experiment)
     * @param bucket the unit's hash in [0, 1)
     */
    public record Result(
            boolean inExperiment,
            int variationId,
            Object value,
            boolean hashUsed,
            String hashAttribute,
            String hashValue,
            Double bucket) {}
}
