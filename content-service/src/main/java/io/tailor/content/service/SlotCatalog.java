package io.tailor.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.content.ContentVariant;
import io.tailor.content.Slot;
import io.tailor.content.targeting.Targeting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Every slot and its active variants in memory, best first, for decisions in well under a millisecond. Reloaded
 * from PostgreSQL at start, after every change made here, and every few seconds (changes made by other replicas).
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
            Targeting targeting,
            boolean isDefault) {}

    private final ObjectMapper mapper;
    private volatile Map<String, List<LiveVariant>> slots = Map.of();

    public SlotCatalog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "${content.catalog-refresh:5s}", delayed = "5s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(f -> LOG.warnf("Slots not refreshed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> Slot.<Slot>listAll())
                .invoke(all -> slots = all.stream().collect(Collectors.toUnmodifiableMap(s -> s.key, this::live)))
                .replaceWithVoid();
    }

    /** The slot's active variants, highest priority first; empty when the slot does not exist. */
    public Optional<List<LiveVariant>> variants(String slot) {
        return Optional.ofNullable(slots.get(slot));
    }

    private List<LiveVariant> live(Slot slot) {
        List<LiveVariant> variants = new ArrayList<>();
        for (ContentVariant v : slot.variants) {
            if (v.active) {
                variants.add(new LiveVariant(
                        v.key,
                        v.title,
                        v.body,
                        v.imageUrl,
                        v.linkUrl,
                        v.priority,
                        targeting(v.targeting),
                        v.isDefault));
            }
        }
        variants.sort(Comparator.comparingInt(LiveVariant::priority).reversed());
        return List.copyOf(variants);
    }

    private Targeting targeting(String json) {
        try {
            return json == null ? Targeting.EVERYONE : mapper.readValue(json, Targeting.class);
        } catch (JsonProcessingException e) {
            return Targeting.EVERYONE;
        }
    }
}
