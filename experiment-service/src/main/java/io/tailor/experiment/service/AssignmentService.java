package io.tailor.experiment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.VariantAssignment;
import io.tailor.experiment.assignment.Assigner;
import io.tailor.experiment.assignment.Assignment;
import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.experiment.config.ExperimentConfig;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assigns a shopper to every running experiment they are eligible for, and decides the global holdout. Only
 * experiments with segment targeting need the shopper's segments (one Redis read); the rest is pure hashing.
 */
@ApplicationScoped
public class AssignmentService {

    private final ExperimentCatalog catalog;
    private final ShopperStateReader shoppers;
    private final ExperimentConfig.Holdout holdout;

    public AssignmentService(ExperimentCatalog catalog, ShopperStateReader shoppers, ExperimentConfig config) {
        this.catalog = catalog;
        this.shoppers = shoppers;
        this.holdout = config.holdout();
    }

    public Uni<AssignmentResponse> assign(AssignmentRequest request) {
        ShopperRef shopper = request.shopper();
        String unit = shopper == null ? null : shopper.unitId();
        if (unit == null || unit.isBlank()) {
            return Uni.createFrom().item(new AssignmentResponse(List.of(), false));
        }
        if (inHoldout(unit)) {
            return Uni.createFrom().item(new AssignmentResponse(List.of(), true));
        }
        List<ExperimentDefinition> running = catalog.running();
        boolean needsSegments = running.stream()
                .anyMatch(e -> e.targeting() != null
                        && e.targeting().segments() != null
                        && !e.targeting().segments().isEmpty());
        Uni<Map<String, Instant>> segments = needsSegments
                ? shoppers.profileId(shopper)
                        .flatMap(id -> id.isEmpty()
                                ? Uni.createFrom().item(Map.<String, Instant>of())
                                : shoppers.memberships(id.get()))
                : Uni.createFrom().item(Map.of());
        return segments.map(memberships -> {
            List<VariantAssignment> assignments = new ArrayList<>();
            for (ExperimentDefinition e : running) {
                if (!eligible(e, memberships)) {
                    continue;
                }
                Assignment a = assign(e, shopper);
                if (a.inExperiment()) {
                    assignments.add(new VariantAssignment(
                            e.key(), e.variations().get(a.variationIndex()).key(), a.variationIndex(), a.bucket()));
                }
            }
            return new AssignmentResponse(assignments, false);
        });
    }

    /** Whether the unit is in the global holdout. */
    public boolean inHoldout(String unit) {
        if (holdout.share() <= 0) {
            return false;
        }
        Double n = GrowthBookHashing.hash(holdout.seed(), unit, 2);
        return n != null && n < holdout.share();
    }

    static Assignment assign(ExperimentDefinition e, ShopperRef shopper) {
        String hashValue =
                switch (e.hashAttribute()) {
                    case "anonymousId" -> shopper.anonymousId();
                    case "customerId" -> shopper.customerId();
                    default -> shopper.unitId();
                };
        List<Double> weights = e.variations().stream()
                .map(ExperimentDefinition.Variation::weight)
                .toList();
        ExperimentDefinition.Namespace ns = e.namespace();
        return Assigner.assign(
                hashValue,
                e.seed(),
                e.hashVersion(),
                e.variations().size(),
                weights,
                e.coverage(),
                ns == null ? null : ns.id(),
                ns == null ? null : ns.start(),
                ns == null ? null : ns.end());
    }

    private static boolean eligible(ExperimentDefinition e, Map<String, Instant> memberships) {
        if (e.targeting() == null
                || e.targeting().segments() == null
                || e.targeting().segments().isEmpty()) {
            return true;
        }
        return e.targeting().segments().stream().anyMatch(memberships::containsKey);
    }
}
