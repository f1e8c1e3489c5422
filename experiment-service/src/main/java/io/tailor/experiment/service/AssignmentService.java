package io.tailor.experiment.service;

import com.google.protobuf.Message;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.VariantAssignment;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.experiment.assignment.Assignment;
import io.tailor.experiment.assignment.CompiledExperiment;
import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.experiment.cache.StickyAssignments;
import io.tailor.experiment.config.ExperimentConfig;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns a shopper to every running experiment they are eligible for, and decides the global holdout. Reads only
 * what the running experiments need: segments (one Redis read) when one targets segments, the hot profile when a
 * rule reads it, remembered assignments when one is sticky; the rest is hashing in memory.
 */
@ApplicationScoped
public class AssignmentService {

    /** The pseudo-experiment under which the global holdout is reported and measured. */
    public static final String HOLDOUT_KEY = "global-holdout";

    private final ExperimentCatalog catalog;
    private final ShopperStateReader shoppers;
    private final TargetingRules rules;
    private final StickyAssignments sticky;
    private final ExperimentConfig.Holdout holdout;

    public AssignmentService(
            ExperimentCatalog catalog,
            ShopperStateReader shoppers,
            TargetingRules rules,
            StickyAssignments sticky,
            ExperimentConfig config) {
        this.catalog = catalog;
        this.shoppers = shoppers;
        this.rules = rules;
        this.sticky = sticky;
        this.holdout = config.holdout();
    }

    private record Inputs(Map<String, Instant> memberships, Optional<ProfileSnapshot> profile) {}

    public Uni<AssignmentResponse> assign(AssignmentRequest request) {
        ShopperRef shopper = request.shopper();
        String unit = shopper == null ? null : shopper.unitId();
        if (unit == null || unit.isBlank()) {
            return Uni.createFrom().item(new AssignmentResponse(List.of(), false));
        }
        Double holdoutBucket = holdoutBucket(unit);
        if (holdoutBucket != null && holdoutBucket < holdout.share()) {
            return Uni.createFrom()
                    .item(new AssignmentResponse(
                            List.of(new VariantAssignment(HOLDOUT_KEY, "holdout", 0, holdoutBucket)), true));
        }
        List<CompiledExperiment> running = catalog.compiled();
        boolean needsSegments = running.stream().anyMatch(e -> !e.segments().isEmpty());
        boolean needsProfile =
                running.stream().anyMatch(e -> e.rule() != null && e.rule().reads("profile"));
        Uni<Inputs> inputs;
        if (!needsSegments && !needsProfile) {
            inputs = Uni.createFrom().item(new Inputs(Map.of(), Optional.empty()));
        } else {
            // one round trip for the profile id and the memberships, a second only when a rule reads the profile
            Uni<ShopperStateReader.ResolvedMemberships> resolved = needsSegments
                    ? shoppers.resolvedMemberships(shopper)
                    : shoppers.profileId(shopper).map(id -> new ShopperStateReader.ResolvedMemberships(id, Map.of()));
            inputs = resolved.flatMap(found -> {
                if (found.profileId().isEmpty() || !needsProfile) {
                    return Uni.createFrom().item(new Inputs(found.memberships(), Optional.empty()));
                }
                return shoppers.profile(found.profileId().get()).map(p -> new Inputs(found.memberships(), p));
            });
        }
        return inputs.flatMap(in -> {
            Message requestInput = rules.request(request.context());
            Message profileInput = null;
            List<VariantAssignment> assignments = new ArrayList<>();
            List<CompiledExperiment> stickyEligible = new ArrayList<>();
            List<Assignment> stickyHashed = new ArrayList<>();
            if (holdoutBucket != null) {
                assignments.add(new VariantAssignment(HOLDOUT_KEY, "personalized", 1, holdoutBucket));
            }
            for (CompiledExperiment e : running) {
                int forced = e.forcedIndex(shopper);
                if (forced >= 0) {
                    assignments.add(
                            new VariantAssignment(e.key(), e.variationKeys().get(forced), forced, 0));
                    continue;
                }
                if (!e.segmentsAllow(in.memberships())) {
                    continue;
                }
                if (e.rule() != null) {
                    if (profileInput == null) {
                        profileInput = rules.profile(in.profile().orElse(null));
                    }
                    if (!rules.matches(e.rule(), profileInput, requestInput)) {
                        continue;
                    }
                }
                Assignment a = e.assign(shopper);
                if (e.stickyDays() != null && e.hashValue(shopper) != null) {
                    stickyEligible.add(e);
                    stickyHashed.add(a);
                } else if (a.inExperiment()) {
                    assignments.add(variant(e, a.variationIndex(), a.bucket()));
                }
            }
            if (stickyEligible.isEmpty()) {
                return Uni.createFrom().item(new AssignmentResponse(assignments, false));
            }
            return sticky.find(
                            unit,
                            stickyEligible.stream().map(CompiledExperiment::key).toList())
                    .map(remembered -> {
                        for (int i = 0; i < stickyEligible.size(); i++) {
                            CompiledExperiment e = stickyEligible.get(i);
                            Assignment a = stickyHashed.get(i);
                            String kept = remembered.get(e.key());
                            int keptIndex =
                                    kept == null ? -1 : e.variationKeys().indexOf(kept);
                            if (keptIndex >= 0) {
                                assignments.add(variant(e, keptIndex, a.bucket() == null ? 0 : a.bucket()));
                            } else if (a.inExperiment()) {
                                sticky.remember(
                                        e.key(), unit, e.variationKeys().get(a.variationIndex()), e.stickyDays());
                                assignments.add(variant(e, a.variationIndex(), a.bucket()));
                            }
                        }
                        return new AssignmentResponse(assignments, false);
                    });
        });
    }

    private static VariantAssignment variant(CompiledExperiment e, int index, Double bucket) {
        return new VariantAssignment(e.key(), e.variationKeys().get(index), index, bucket == null ? 0 : bucket);
    }

    /** The unit's position for the global holdout, or null when the holdout is off. */
    Double holdoutBucket(String unit) {
        if (holdout.share() <= 0) {
            return null;
        }
        return GrowthBookHashing.hash(holdout.seed(), unit, 2);
    }

    /** Whether the unit is in the global holdout. */
    public boolean inHoldout(String unit) {
        Double n = holdoutBucket(unit);
        return n != null && n < holdout.share();
    }

    /** The share of shoppers held out (0: off). */
    public double holdoutShare() {
        return holdout.share();
    }
}
