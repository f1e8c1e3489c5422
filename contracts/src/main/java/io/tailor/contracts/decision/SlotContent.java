package io.tailor.contracts.decision;

/**
 * What one slot shows.
 *
 * @param variantKey the chosen variant
 * @param matchedRule why it was chosen, e.g. {@code segment=first-time-visitor} or {@code default}
 * @param sortOrder the order the variant asks for the products of the page it is on (e.g. {@code new_first} for one
 *     segment, {@code best_selling} for another), for the storefront to pass to a category listing; absent when the
 *     variant sets none
 */
public record SlotContent(
        String slot,
        String variantKey,
        String title,
        String body,
        String imageUrl,
        String linkUrl,
        String matchedRule,
        String sortOrder) {

    public SlotContent(
            String slot,
            String variantKey,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            String matchedRule) {
        this(slot, variantKey, title, body, imageUrl, linkUrl, matchedRule, null);
    }
}
