package io.tailor.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.content.ContentVariant;
import io.tailor.content.Slot;
import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.model.SlotKind;
import io.tailor.content.model.VariantChooser;
import io.tailor.content.targeting.Targeting;
import io.tailor.content.targeting.TargetingRule;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.JsonFailures;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates and replaces slots with their variants. A definition is read strictly (unknown fields are refused),
 * validated whole (400), checked for variants that would clash (409) and for segments segment-service does not know
 * (400; 503 when it cannot answer) before anything is stored.
 */
@ApplicationScoped
public class SlotAdminService {

    private final SlotValidator validator = new SlotValidator();
    private final ObjectMapper mapper;
    private final ObjectReader strict;
    private final SlotCatalog catalog;
    private final SegmentCheck segments;
    private final ChooserCheck choosers;
    private final Clock clock;

    public SlotAdminService(
            ObjectMapper mapper, SlotCatalog catalog, SegmentCheck segments, ChooserCheck choosers, Clock clock) {
        this.mapper = mapper;
        this.strict = mapper.readerFor(SlotInput.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.catalog = catalog;
        this.segments = segments;
        this.choosers = choosers;
        this.clock = clock;
    }

    /** Reads a definition strictly: an unknown field anywhere is a violation naming it. */
    public SlotInput read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("", "a slot definition is required");
        }
        try {
            return strict.readValue(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(JsonFailures.violation(e, "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<SlotView> put(String key, JsonNode body) {
        SlotInput input = read(body);
        List<Violation> violations = validator.validate(key, input);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<Violation> clashes = ScheduleOverlaps.find(input.variants(), clock.instant());
        if (!clashes.isEmpty()) {
            throw new ProblemException(
                    409,
                    "conflict",
                    "Conflicting variants",
                    clashes.getFirst().message()
                            + (clashes.size() > 1 ? " (and " + (clashes.size() - 1) + " more)" : ""),
                    clashes);
        }
        return segments.unknown(segmentFields(input))
                .flatMap(unknown -> choosers.unknown(input.chooser()).map(unknownChooser -> {
                    List<Violation> all = new java.util.ArrayList<>(unknown);
                    all.addAll(unknownChooser);
                    return all;
                }))
                .flatMap(unknown -> {
                    if (!unknown.isEmpty()) {
                        throw ProblemException.invalid(unknown);
                    }
                    return store(key, input);
                })
                .map(this::view)
                .call(catalog::reload);
    }

    private static Map<String, String> segmentFields(SlotInput input) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < input.variants().size(); i++) {
            Targeting t = input.variants().get(i).targeting();
            if (t != null && t.segments() != null) {
                for (int s = 0; s < t.segments().size(); s++) {
                    fields.put(
                            "variants[" + i + "].targeting.segments[" + s + "]",
                            t.segments().get(s));
                }
            }
        }
        return fields;
    }

    @WithTransaction
    Uni<Slot> store(String key, SlotInput input) {
        return Slot.<Slot>findById(key).flatMap(existing -> {
            Slot slot = existing != null ? existing : new Slot();
            slot.key = key;
            slot.kind = input.kind() == null ? SlotKind.CUSTOM.wireName() : input.kind();
            slot.name = input.name();
            slot.description = input.description();
            slot.frequencyCap = input.frequencyCap() == null ? null : json(input.frequencyCap());
            slot.chooser = input.chooser() == null ? null : json(input.chooser());
            slot.updatedAt = clock.instant();
            Map<String, ContentVariant> current = new HashMap<>();
            slot.variants.forEach(v -> current.put(v.key, v));
            Set<String> wanted = new HashSet<>();
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
                v.collection = in.collection() == null ? null : json(in.collection());
                v.sortOrder = in.sortOrder();
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
                .sorted(Comparator.comparing((ContentVariant v) -> v.isDefault)
                        .thenComparing(Comparator.comparingInt((ContentVariant v) -> v.priority)
                                .reversed())
                        .thenComparing(Comparator.comparingInt(
                                        (ContentVariant v) -> TargetingRule.of(read(v.targeting, Targeting.class))
                                                .specificity())
                                .reversed())
                        .thenComparing(v -> v.key))
                .map(v -> new SlotView.VariantView(
                        v.key,
                        v.title,
                        v.body,
                        v.imageUrl,
                        v.linkUrl,
                        read(v.collection, ProductCollection.class),
                        v.sortOrder,
                        v.priority,
                        read(v.targeting, Targeting.class),
                        v.isDefault,
                        v.active))
                .toList();
        return new SlotView(
                slot.key,
                slot.kind,
                slot.name,
                slot.description,
                read(slot.frequencyCap, FrequencyCap.class),
                slot.updatedAt,
                variants,
                read(slot.chooser, VariantChooser.class));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
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
