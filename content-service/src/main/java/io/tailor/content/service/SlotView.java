package io.tailor.content.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tailor.content.targeting.Targeting;
import java.time.Instant;
import java.util.List;

/** A slot and its variants as the admin API shows them. */
public record SlotView(String key, String name, String description, Instant updatedAt, List<VariantView> variants) {

    public record VariantView(
            String key,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            int priority,
            Targeting targeting,
            @JsonProperty("default") boolean isDefault,
            boolean active) {}
}
