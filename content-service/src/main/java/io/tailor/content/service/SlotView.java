package io.tailor.content.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.model.VariantChooser;
import io.tailor.content.targeting.Targeting;
import java.time.Instant;
import java.util.List;

/** A slot and its variants as the admin API shows them, best first (the order decisions try them in). */
public record SlotView(
        String key,
        String kind,
        String name,
        String description,
        FrequencyCap frequencyCap,
        Instant updatedAt,
        List<VariantView> variants,
        VariantChooser chooser) {

    public record VariantView(
            String key,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            ProductCollection collection,
            String sortOrder,
            int priority,
            Targeting targeting,
            @JsonProperty("default") boolean isDefault,
            boolean active) {}
}
