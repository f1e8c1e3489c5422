package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.cache.ShopperFrequency;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Records what a shopper did with a slot: closing a variant of a capped slot (decisions skip it for the slot's
 * dismissal period), and clicking a variant (a reward of the bandit that chose it).
 */
@ApplicationScoped
public class DismissalService {

    /** A dismissal as sent by the storefront. */
    public record DismissalInput(ShopperRef shopper, String variantKey) {}

    /** A recorded dismissal: the variant stays hidden from the shopper until {@code until}. */
    public record Dismissal(String slot, String variantKey, Instant until) {}

    /** A click as recorded: whether it counted as a bandit reward. */
    public record Click(String slot, String variantKey, boolean rewarded) {}

    private final SlotCatalog catalog;
    private final ShopperFrequency frequency;
    private final VariantChoices choices;
    private final Clock clock;

    public DismissalService(SlotCatalog catalog, ShopperFrequency frequency, VariantChoices choices, Clock clock) {
        this.catalog = catalog;
        this.frequency = frequency;
        this.choices = choices;
        this.clock = clock;
    }

    /** A click on a slot's variant: a reward of the slot's bandit when a bandit chooses its variant. */
    public Uni<Click> click(String slotKey, DismissalInput input) {
        SlotCatalog.LiveSlot slot = slotShowing(catalog, slotKey, input);
        return choices.reward(slot.chooser(), input.variantKey())
                .map(rewarded -> new Click(slotKey, input.variantKey(), rewarded));
    }

    /** The slot, once the input names a shopper and one of its active variants (400 naming the field, 404). */
    private static SlotCatalog.LiveSlot slotShowing(SlotCatalog catalog, String slotKey, DismissalInput input) {
        if (input == null) {
            throw ProblemException.invalid("", "a body {shopper, variantKey} is required");
        }
        if (input.shopper() == null || input.shopper().isEmpty()) {
            throw ProblemException.invalid("shopper", "an anonymousId or a customerId is required");
        }
        if (input.shopper().unitId().length() > 200) {
            throw ProblemException.invalid("shopper", "ids may be at most 200 characters");
        }
        if (input.variantKey() == null || input.variantKey().isBlank()) {
            throw ProblemException.invalid("variantKey", "is required");
        }
        SlotCatalog.LiveSlot slot =
                catalog.slot(slotKey).orElseThrow(() -> ProblemException.notFound("No slot " + slotKey));
        if (slot.variants().stream().noneMatch(v -> v.key().equals(input.variantKey()))) {
            throw ProblemException.invalid(
                    "variantKey", "slot " + slotKey + " has no active variant '" + input.variantKey() + "'");
        }
        return slot;
    }

    public Uni<Dismissal> dismiss(String slotKey, DismissalInput input) {
        SlotCatalog.LiveSlot slot = slotShowing(catalog, slotKey, input);
        String shopper = input.shopper().unitId();
        if (slot.frequencyCap() == null) {
            throw ProblemException.conflict("Slot " + slotKey
                    + " takes no dismissals: give it a frequencyCap (e.g. {\"dismissDays\":30}) to let shoppers close"
                    + " it");
        }
        return frequency
                .dismiss(shopper, slotKey, input.variantKey(), slot.frequencyCap(), clock.instant())
                .map(until -> new Dismissal(slotKey, input.variantKey(), until));
    }
}
