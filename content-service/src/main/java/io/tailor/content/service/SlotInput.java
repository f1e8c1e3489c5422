package io.tailor.content.service;

import io.tailor.content.targeting.Targeting;
import java.util.List;

/** A slot and all its variants, as sent to the admin API. */
public record SlotInput(String name, String description, List<VariantInput> variants) {

    /**
     * @param isDefault the variant shown when no other matches; each slot has exactly one
     */
    public record VariantInput(
            String key,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            Integer priority,
            Targeting targeting,
            @com.fasterxml.jackson.annotation.JsonProperty("default") Boolean isDefault,
            Boolean active) {}
}
