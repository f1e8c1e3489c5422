package io.tailor.content.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.model.VariantChooser;
import io.tailor.content.targeting.Targeting;
import java.util.List;

/**
 * A slot and all its variants, as sent to the admin API.
 *
 * @param kind a {@link io.tailor.content.model.SlotKind} wire name (home_hero, popup, ...); custom when left out
 * @param frequencyCap how often one shopper may see the slot; none when left out
 * @param chooser an experiment or bandit that chooses the variant; targeting precedence when left out
 */
public record SlotInput(
        String kind,
        String name,
        String description,
        FrequencyCap frequencyCap,
        List<VariantInput> variants,
        VariantChooser chooser) {

    public SlotInput(
            String kind, String name, String description, FrequencyCap frequencyCap, List<VariantInput> variants) {
        this(kind, name, description, frequencyCap, variants, null);
    }

    public SlotInput(String name, String description, List<VariantInput> variants) {
        this(null, name, description, null, variants, null);
    }

    /**
     * @param collection the products the variant features
     * @param sortOrder how its products are ordered: new_first, top_rated, best_selling, price_asc, price_desc or
     *     recommended
     * @param isDefault the variant shown when no other matches; each slot has exactly one, without targeting
     */
    public record VariantInput(
            String key,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            ProductCollection collection,
            String sortOrder,
            Integer priority,
            Targeting targeting,
            @JsonProperty("default") Boolean isDefault,
            Boolean active) {}
}
