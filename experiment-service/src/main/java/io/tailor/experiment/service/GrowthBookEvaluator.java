package io.tailor.experiment.service;

import io.tailor.experiment.assignment.Assigner;
import io.tailor.experiment.assignment.Assignment;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Evaluates a GrowthBook-shaped experiment for one unit, statelessly, as the GrowthBook SDKs do. */
@ApplicationScoped
public class GrowthBookEvaluator {

    public GrowthBookEvaluation.Result evaluate(GrowthBookEvaluation.Request request) {
        if (request == null || request.experiment() == null) {
            throw ProblemException.invalid("experiment", "is required");
        }
        GrowthBookEvaluation.Experiment e = request.experiment();
        List<Object> variations = e.variations() == null ? List.of() : e.variations();
        String attribute = e.hashAttribute() == null ? "id" : e.hashAttribute();
        Object raw = request.attributes() == null ? null : request.attributes().get(attribute);
        String hashValue = raw == null ? "" : String.valueOf(raw);
        Object control = variations.isEmpty() ? null : variations.getFirst();
        if (variations.size() < 2 || Boolean.FALSE.equals(e.active())) {
            return new GrowthBookEvaluation.Result(false, -1, control, false, attribute, hashValue, null);
        }
        if (e.force() != null) {
            int forced = e.force();
            if (forced < 0 || forced >= variations.size()) {
                throw ProblemException.invalid("experiment.force", "must be a variation index");
            }
            return new GrowthBookEvaluation.Result(
                    true, forced, variations.get(forced), false, attribute, hashValue, null);
        }
        String namespaceId = null;
        Double start = null;
        Double end = null;
        if (e.namespace() != null) {
            if (e.namespace().size() != 3
                    || !(e.namespace().get(1) instanceof Number)
                    || !(e.namespace().get(2) instanceof Number)) {
                throw ProblemException.invalid("experiment.namespace", "must be [id, start, end]");
            }
            namespaceId = String.valueOf(e.namespace().get(0));
            start = ((Number) e.namespace().get(1)).doubleValue();
            end = ((Number) e.namespace().get(2)).doubleValue();
        }
        Assignment a = Assigner.assign(
                hashValue,
                e.seed() == null ? e.key() : e.seed(),
                e.hashVersion() == null ? 1 : e.hashVersion(),
                variations.size(),
                e.weights(),
                e.coverage() == null ? 1.0 : e.coverage(),
                namespaceId,
                start,
                end);
        Object value = a.inExperiment() ? variations.get(a.variationIndex()) : control;
        return new GrowthBookEvaluation.Result(
                a.inExperiment(), a.variationIndex(), value, a.hashUsed(), attribute, hashValue, a.bucket());
    }
}
