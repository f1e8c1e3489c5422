package io.tailor.experiment.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.Message;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.VariantAssignment;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.experiment.feature.CompiledFeature;
import io.tailor.experiment.feature.FeatureResult;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.rules.RuleEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates features for a shopper. Reads only what the features' rules need: segment memberships when a rule
 * targets segments, the hot profile when a condition reads it, and the shopper's experiment assignments (the same
 * assignment as {@code POST /v1/assignments}) when a rule follows an experiment.
 */
@ApplicationScoped
public class FeatureEvaluationService {

    /**
     * @param keys the features to evaluate; null or empty: every feature
     */
    public record Request(ShopperRef shopper, RequestContext context, List<String> keys) {}

    /**
     * @param features feature key to its value for the shopper
     * @param holdout whether the shopper is in the global holdout (experiment rules do not apply to them)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Response(Map<String, FeatureResult> features, boolean holdout) {}

    private record Inputs(Map<String, Instant> memberships, Optional<ProfileSnapshot> profile) {}

    private final FeatureCatalog catalog;
    private final AssignmentService assignments;
    private final ShopperStateReader shoppers;
    private final TargetingRules rules;

    public FeatureEvaluationService(
            FeatureCatalog catalog, AssignmentService assignments, ShopperStateReader shoppers, TargetingRules rules) {
        this.catalog = catalog;
        this.assignments = assignments;
        this.shoppers = shoppers;
        this.rules = rules;
    }

    public Uni<Response> evaluate(Request request) {
        if (request == null || request.shopper() == null) {
            throw ProblemException.invalid("shopper", "is required");
        }
        if (request.keys() != null && request.keys().size() > 500) {
            throw ProblemException.invalid("keys", "at most 500 feature keys");
        }
        Map<String, CompiledFeature> all = catalog.compiled();
        Map<String, CompiledFeature> wanted = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        if (request.keys() == null || request.keys().isEmpty()) {
            wanted.putAll(all);
        } else {
            for (String key : request.keys()) {
                CompiledFeature f = key == null ? null : all.get(key);
                if (f != null) {
                    wanted.put(key, f);
                } else if (key != null) {
                    unknown.add(key);
                }
            }
        }
        ShopperRef shopper = request.shopper();
        boolean needsSegments = wanted.values().stream().anyMatch(CompiledFeature::readsSegments);
        boolean needsProfile = wanted.values().stream().anyMatch(CompiledFeature::readsProfile);
        boolean needsExperiments = wanted.values().stream().anyMatch(CompiledFeature::readsExperiments);
        Uni<Inputs> inputs = (needsSegments || needsProfile) && !shopper.isEmpty()
                ? shoppers.profileId(shopper).flatMap(id -> {
                    if (id.isEmpty()) {
                        return Uni.createFrom().item(new Inputs(Map.of(), Optional.empty()));
                    }
                    Uni<Map<String, Instant>> m = needsSegments
                            ? shoppers.memberships(id.get())
                            : Uni.createFrom().item(Map.of());
                    Uni<Optional<ProfileSnapshot>> p = needsProfile
                            ? shoppers.profile(id.get())
                            : Uni.createFrom().item(Optional.empty());
                    return Uni.combine().all().unis(m, p).with(Inputs::new);
                })
                : Uni.createFrom().item(new Inputs(Map.of(), Optional.empty()));
        String unit = shopper.unitId();
        Uni<AssignmentResponse> assigned = needsExperiments
                ? assignments.assign(new AssignmentRequest(shopper, request.context()))
                : Uni.createFrom()
                        .item(new AssignmentResponse(
                                List.of(), unit != null && !unit.isBlank() && assignments.inHoldout(unit)));
        return Uni.combine().all().unis(inputs, assigned).asTuple().map(t -> {
            Inputs in = t.getItem1();
            AssignmentResponse a = t.getItem2();
            Map<String, String> variations = new HashMap<>();
            for (VariantAssignment v : a.assignments()) {
                variations.put(v.experimentKey(), v.variationKey());
            }
            Message requestInput = rules.request(request.context());
            Message profileInput = rules.profile(in.profile().orElse(null));
            java.util.function.Predicate<RuleEngine.Compiled> holds =
                    rule -> rules.matches(rule, profileInput, requestInput);
            Map<String, FeatureResult> results = new LinkedHashMap<>();
            wanted.forEach((key, f) -> results.put(key, f.evaluate(shopper, in.memberships(), holds, variations)));
            unknown.forEach(key -> results.put(key, FeatureResult.unknown()));
            return new Response(results, a.holdout());
        });
    }
}
