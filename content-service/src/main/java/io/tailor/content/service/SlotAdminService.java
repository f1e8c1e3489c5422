package io.tailor.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.content.ContentVariant;
import io.tailor.content.Slot;
import io.tailor.content.targeting.Targeting;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates and replaces slots with their variants; a definition is validated whole before anything is stored. */
@ApplicationScoped
public class SlotAdminService {

    private final SlotValidator validator = new SlotValidator();
    private final ObjectMapper mapper;
    private final SlotCatalog catalog;

    public SlotAdminService(ObjectMapper mapper, SlotCatalog catalog) {
        this.mapper = mapper;
        this.catalog = catalog;
    }

    public Uni<SlotView> put(String key, SlotInput input) {
        List<Violation> violations = validator.validate(key, input);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return store(key, input).map(this::view).call(catalog::reload);
    }

    @WithTransaction
    Uni<Slot> store(String key, SlotInput input) {
        return Slot.<Slot>findById(key).flatMap(existing -> {
            Slot slot = existing != null ? existing : new Slot();
            slot.key = key;
            slot.name = input.name();
            slot.description = input.description();
            slot.updatedAt = Instant.now();
            java.util.Map<String, ContentVariant> current = new java.util.HashMap<>();
            slot.variants.forEach(v -> current.put(v.key, v));
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (SlotInput.VariantInput in : input.variants()) {
                wanted.add(in.key());
                ContentVariant v = current.get(in.key());
                if (v == null) {
                    v = new ContentVariant();
                    v.id = UUID.randomUUID();
                    v.slot = slot;
                    v.key = in.key();
                    slot.variants.add(v);
                }
                v.title = in.title();
                v.body = in.body();
                v.imageUrl = in.imageUrl();
                v.linkUrl = in.linkUrl();
                v.priority = in.priority() == null ? 0 : in.priority();
                v.targeting = json(in.targeting() == null ? Targeting.EVERYONE : in.targeting());
                v.isDefault = Boolean.TRUE.equals(in.isDefault());
                v.active = in.active() == null || in.active();
            }
            slot.variants.removeIf(v -> !wanted.contains(v.key));
            return existing != null ? Uni.createFrom().item(slot) : slot.<Slot>persist();
        });
    }

    @WithSession
    public Uni<List<SlotView>> list() {
        return Slot.<Slot>listAll().map(all -> all.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<SlotView> get(String key) {
        return Slot.<Slot>findById(key).map(slot -> {
            if (slot == null) {
                throw ProblemException.notFound("No slot " + key);
            }
            return view(slot);
        });
    }

    SlotView view(Slot slot) {
        List<SlotView.VariantView> variants = slot.variants.stream()
                .sorted(java.util.Comparator.comparingInt((ContentVariant v) -> v.priority)
                        .reversed())
                .map(v -> new SlotView.VariantView(
                        v.key,
                        v.title,
                        v.body,
                        v.imageUrl,
                        v.linkUrl,
                        v.priority,
                        targeting(v.targeting),
                        v.isDefault,
                        v.active))
                .toList();
        return new SlotView(slot.key, slot.name, slot.description, slot.updatedAt, variants);
    }

    private Targeting targeting(String json) {
        try {
            return mapper.readValue(json, Targeting.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
