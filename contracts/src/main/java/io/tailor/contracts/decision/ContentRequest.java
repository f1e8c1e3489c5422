package io.tailor.contracts.decision;

import java.util.List;

/**
 * Asks content-service what each slot shows.
 *
 * @param personalize false when the shopper must get the non-personalized experience (no consent, global holdout):
 *     every slot shows its default; absent means true
 */
public record ContentRequest(ShopperRef shopper, RequestContext context, List<String> slots, Boolean personalize) {

    public ContentRequest(ShopperRef shopper, RequestContext context, List<String> slots) {
        this(shopper, context, slots, null);
    }

    public boolean personalized() {
        return personalize == null || personalize;
    }
}
