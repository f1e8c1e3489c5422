package io.tailor.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tailor.content.ContentVariant;
import io.tailor.content.Slot;
import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.model.SlotKind;
import io.tailor.content.model.VariantChooser;
import io.tailor.content.targeting.Targeting;
import io.tailor.content.targeting.TargetingRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Every slot and its active variants in memory, best first, for decisions in well under a millisecond. Reloaded
 * from PostgreSQL at start, after every change made here, and every few seconds (changes made by other replicas;
 * {@link CatalogRefresh}).
 */
@ApplicationScoped
public class SlotCatalog {

    private static final Logger LOG = Logger.getLogger(SlotCatalog.class);

    /** A variant ready to be matched. */
    public record LiveVariant(
            String key,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            int priority,
            TargetingRule targeting,
            boolean isDefault,
            ProductCollection collection,
            String sortOrder) {}

    /**
     * A slot ready for decisions: its non-default variants in precedence order ({@link #PRECEDENCE}), then its default.
     *
     * @param frequencyCap null when the slot is not capped and takes no dismissals
     * @param chooser null when targeting precedence alone decides
     */
    public record LiveSlot(
            String key, SlotKind kind, FrequencyCap frequencyCap, List<LiveVariant> variants, VariantChooser chooser) {

        public LiveSlot(String key, SlotKind kind, FrequencyCap frequencyCap, List<LiveVariant> variants) {
            this(key, kind, frequencyCap, variants, null);
        }
    }

    /** Highest priority first; among equal priorities the most specific targeting; then by key. */
    public static final Comparator<LiveVariant> PRECEDENCE = Comparator.comparing(LiveVariant::isDefault)
            .thenComparing(Comparator.comparingInt(LiveVariant::priority).reversed())
            .thenComparing(
                    Comparator.comparingInt((LiveVariant v) -> v.targeting().specificity())
                            .reversed())
            .thenComparing(LiveVariant::key);

    private final ObjectMapper mapper;
    private volatile Map<String, LiveSlot> slots = Map.of();

    public SlotCatalog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> Slot.<Slot>listAll())
                .invoke(all -> slots = all.stream().collect(Collectors.toUnmodifiableMap(s -> s.key, this::live)))
                .replaceWithVoid();
    }

    /** The slot with its active variants in precedence order; empty when the slot does not exist. */
    public Optional<LiveSlot> slot(String slot) {
        return Optional.ofNullable(slots.get(slot));
    }

    /** Every slot key. */
    public java.util.Set<String> keys() {
        return slots.keySet();
    }

    private LiveSlot live(Slot slot) {
        List<LiveVariant> variants = new ArrayList<>();
        for (ContentVariant v : slot.variants) {
            Targeting targeting = read(v.targeting, Targeting.class);
            if (v.active && (targeting != null || v.targeting == null)) {
                variants.add(new LiveVariant(
                        v.key,
                        v.title,
                        v.body,
                        v.imageUrl,
                        v.linkUrl,
                        v.priority,
                        TargetingRule.of(targeting),
                        v.isDefault,
                        read(v.collection, ProductCollection.class),
                        v.sortOrder));
            }
        }
        variants.sort(PRECEDENCE);
        return new LiveSlot(
                slot.key,
                SlotKind.of(slot.kind).orElse(SlotKind.CUSTOM),
                read(slot.frequencyCap, FrequencyCap.class),
                List.copyOf(variants),
                read(slot.chooser, VariantChooser.class));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable %s in the database: %s", type.getSimpleName(), e.getOriginalMessage());
            return null;
        }
    }
}
