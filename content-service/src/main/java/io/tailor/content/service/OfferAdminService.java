package io.tailor.content.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tailor.content.Offer;
import io.tailor.content.OfferAudit;
import io.tailor.content.config.OffersConfig;
import io.tailor.content.offer.OfferDefinition;
import io.tailor.content.offer.OfferValidator;
import io.tailor.content.offer.PriceConsistency;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.JsonFailures;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates and replaces offers. A definition is read strictly, validated whole (400, including the discount cap),
 * checked against the other offers for inconsistent prices within a segment (409 unless a priceReason is declared)
 * and for segments segment-service does not know (400; 503 when it cannot answer) before it is stored.
 */
@ApplicationScoped
public class OfferAdminService {

    /** An offer as the admin API shows it. */
    public record OfferView(String key, Instant updatedAt, @JsonUnwrapped OfferDefinition offer) {}

    /** One row of the audit log. */
    public record AuditEntry(
            String offerKey,
            String shopperId,
            String profileId,
            String productId,
            BigDecimal price,
            BigDecimal offerPrice,
            String matchedRule,
            String explanation,
            Instant shownAt) {}

    private final ObjectMapper mapper;
    private final ObjectReader strict;
    private final OfferValidator validator;
    private final SegmentCheck segments;
    private final OfferCatalog catalog;
    private final Clock clock;

    public OfferAdminService(
            ObjectMapper mapper, OffersConfig config, SegmentCheck segments, OfferCatalog catalog, Clock clock) {
        this.mapper = mapper;
        this.strict = mapper.readerFor(OfferDefinition.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = new OfferValidator(config.maxDiscountPercent());
        this.segments = segments;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Uni<OfferView> put(String key, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("", "an offer definition is required");
        }
        OfferDefinition offer;
        try {
            offer = strict.readValue(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(JsonFailures.violation(e, "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Violation> violations = validator.validate(key, offer);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Map<String, String> segmentFields = new LinkedHashMap<>();
        if (offer.targeting() != null && offer.targeting().segments() != null) {
            for (int i = 0; i < offer.targeting().segments().size(); i++) {
                segmentFields.put(
                        "targeting.segments[" + i + "]",
                        offer.targeting().segments().get(i));
            }
        }
        OfferDefinition checked = offer;
        return segments.unknown(segmentFields)
                .flatMap(unknown -> {
                    if (!unknown.isEmpty()) {
                        throw ProblemException.invalid(unknown);
                    }
                    return Panache.withTransaction(() -> Offer.<Offer>listAll().flatMap(all -> {
                        Map<String, OfferDefinition> others = new LinkedHashMap<>();
                        Offer existing = null;
                        for (Offer o : all) {
                            if (o.key.equals(key)) {
                                existing = o;
                            } else {
                                others.put(o.key, definition(o));
                            }
                        }
                        List<Violation> clashes = PriceConsistency.check(key, checked, others);
                        if (!clashes.isEmpty()) {
                            throw new ProblemException(
                                    409,
                                    "conflict",
                                    "Inconsistent prices",
                                    clashes.getFirst().message(),
                                    clashes);
                        }
                        Offer o = existing != null ? existing : new Offer();
                        o.key = key;
                        o.name = checked.name();
                        o.kind = checked.kind();
                        o.definition = json(checked);
                        o.startsAt = checked.start();
                        o.endsAt = checked.end();
                        o.active = checked.enabled();
                        o.updatedAt = clock.instant();
                        return (existing != null ? Uni.createFrom().item(o) : o.<Offer>persist()).map(this::view);
                    }));
                })
                .call(catalog::reload);
    }

    @WithSession
    public Uni<List<OfferView>> list() {
        return Offer.<Offer>listAll(Sort.by("key"))
                .map(all -> all.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<OfferView> get(String key) {
        return Offer.<Offer>findById(key).map(o -> {
            if (o == null) {
                throw ProblemException.notFound("No offer " + key);
            }
            return view(o);
        });
    }

    /** The newest {@code limit} audit rows of an offer. */
    @WithSession
    public Uni<List<AuditEntry>> audit(String key, int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        return Offer.<Offer>findById(key).flatMap(o -> {
            if (o == null) {
                throw ProblemException.notFound("No offer " + key);
            }
            return OfferAudit.<OfferAudit>find("offerKey", Sort.descending("shownAt"), key)
                    .page(Page.ofSize(limit))
                    .list()
                    .map(rows -> rows.stream()
                            .map(a -> new AuditEntry(
                                    a.offerKey,
                                    a.shopperId,
                                    a.profileId,
                                    a.productId,
                                    a.basePrice,
                                    a.offerPrice,
                                    a.matchedRule,
                                    a.explanation,
                                    a.shownAt))
                            .toList());
        });
    }

    OfferView view(Offer o) {
        return new OfferView(o.key, o.updatedAt, definition(o));
    }

    OfferDefinition definition(Offer o) {
        try {
            return mapper.readValue(o.definition, OfferDefinition.class);
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
