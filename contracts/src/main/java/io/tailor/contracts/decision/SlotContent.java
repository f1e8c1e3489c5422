package io.tailor.contracts.decision;

/**
 * What one slot shows.
 *
 * @param variantKey the chosen variant
 * @param matchedRule why it was chosen, e.g. {@code segment=first-time-visitor} or {@code default}
 */
public record SlotContent(
        String slot,
        String variantKey,
        String title,
        String body,
        String imageUrl,
        String linkUrl,
        String matchedRule) {}
