package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.cache.ShopperFrequency;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Records that a shopper closed a variant of a capped slot, so decisions skip it for the slot's dismissal period. */
@ApplicationScoped
public class DismissalService {

    /** A dismissal as sent by the storefront. */
    public record DismissalInput(ShopperRef shopper, String variantKey) {}

    /** A recorded dismissal: the variant stays hidden from the shopper until {@code until}. */
    public record Dismissal(String slot, String variantKey, Instant until) {}

    private final SlotCatalog catalog;
    private final ShopperFrequency frequency;
    private final Clock clock;

    public DismissalService(SlotCatalog catalog, ShopperFrequency frequency, Clock clock) {
        this.catalog = catalog;
        this.frequency = frequency;
        this.clock = clock;
    }

    public Uni<Dismissal> dismiss(String slotKey, DismissalInput input) {
        if (input == null) {
            throw ProblemException.invalid("", "a dismissal {shopper, variantKey} is required");
        }
        if (input.shopper() == null || input.shopper().isEmpty()) {
            throw ProblemException.invalid("shopper", "an anonymousId or a customerId is required");
        }
        String shopper = input.shopper().unitId();
        if (shopper.length() > 200) {
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
