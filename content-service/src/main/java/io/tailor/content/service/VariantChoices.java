package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.client.ExperimentRestClient;
import io.tailor.content.model.VariantChooser;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.VariantAssignment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks experiment-service which variant the experiments and bandits bound to the requested slots choose for this
 * shopper: one assignment call for all experiment-bound slots (the same deterministic assignment the gateway's decide
 * records the exposure of), one choose call per bandit-bound slot. Each answer must come within the timeout; a slot
 * without an answer is decided by targeting as usual.
 */
@ApplicationScoped
public class VariantChoices {

    private static final Logger LOG = Logger.getLogger(VariantChoices.class);

    /** The variant an experiment or bandit chose for a slot, and the rule the decision names. */
    public record Choice(String variantKey, String rule) {}

    private final ExperimentRestClient experiments;
    private final Duration timeout;

    public VariantChoices(
            @RestClient ExperimentRestClient experiments,
            @ConfigProperty(name = "content.choosers.timeout", defaultValue = "50ms") Duration timeout) {
        this.experiments = experiments;
        this.timeout = timeout;
    }

    /** Slot key to the chosen variant, for the slots that have a chooser and got an answer in time. */
    public Uni<Map<String, Choice>> choose(
            List<SlotCatalog.LiveSlot> slots, ShopperRef shopper, RequestContext context, boolean personalized) {
        List<SlotCatalog.LiveSlot> bound =
                slots.stream().filter(s -> s.chooser() != null).toList();
        if (bound.isEmpty() || !personalized || shopper == null || shopper.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map<String, Choice>>> calls = new ArrayList<>();
        List<SlotCatalog.LiveSlot> byExperiment =
                bound.stream().filter(s -> s.chooser().byExperiment()).toList();
        if (!byExperiment.isEmpty()) {
            calls.add(guarded(
                    experiments.assign(new AssignmentRequest(shopper, context)).map(response -> {
                        Map<String, Choice> chosen = new LinkedHashMap<>();
                        List<VariantAssignment> assignments =
                                response == null || response.assignments() == null ? List.of() : response.assignments();
                        for (SlotCatalog.LiveSlot slot : byExperiment) {
                            VariantChooser chooser = slot.chooser();
                            assignments.stream()
                                    .filter(a -> chooser.experiment().equals(a.experimentKey()))
                                    .findFirst()
                                    .ifPresent(a -> {
                                        String variant = chooser.variations().get(a.variationKey());
                                        if (variant != null) {
                                            chosen.put(
                                                    slot.key(),
                                                    new Choice(
                                                            variant,
                                                            "experiment " + chooser.experiment() + ": variation "
                                                                    + a.variationKey()));
                                        }
                                    });
                        }
                        return chosen;
                    }),
                    "assignment"));
        }
        for (SlotCatalog.LiveSlot slot : bound) {
            VariantChooser chooser = slot.chooser();
            if (chooser.byExperiment()) {
                continue;
            }
            calls.add(guarded(
                    experiments
                            .choose(chooser.bandit())
                            .map(choice -> choice == null || choice.arm() == null
                                    ? Map.<String, Choice>of()
                                    : Map.of(
                                            slot.key(),
                                            new Choice(
                                                    choice.arm(),
                                                    "bandit " + chooser.bandit() + ": arm " + choice.arm()
                                                            + (choice.stopped() ? " (stopped: the leader)" : "")))),
                    "bandit " + chooser.bandit()));
        }
        return Uni.join().all(calls).andFailFast().map(all -> {
            Map<String, Choice> merged = new LinkedHashMap<>();
            all.forEach(merged::putAll);
            return merged;
        });
    }

    private Uni<Map<String, Choice>> guarded(Uni<Map<String, Choice>> call, String what) {
        return call.ifNoItem().after(timeout).fail().onFailure().recoverWithItem(f -> {
            LOG.debugf("No %s from experiment-service in time; targeting decides: %s", what, f.toString());
            return Map.of();
        });
    }

    /** Counts a click on a bandit-bound slot's variant as a reward of its arm. */
    public Uni<Boolean> reward(VariantChooser chooser, String variantKey) {
        if (chooser == null || chooser.bandit() == null) {
            return Uni.createFrom().item(false);
        }
        return experiments
                .reward(chooser.bandit(), Map.of("arm", variantKey))
                .map(response -> {
                    int status = response.getStatus();
                    response.close();
                    return status == 200;
                })
                .onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf("Reward for bandit %s not counted: %s", chooser.bandit(), f.toString());
                    return false;
                });
    }
}
