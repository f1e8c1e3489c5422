package io.tailor.content.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tailor.content.Offer;
import io.tailor.content.OfferAudit;
import io.tailor.content.config.OffersConfig;
import io.tailor.content.offer.OfferDefinition;
import io.tailor.content.offer.OfferKind;
import io.tailor.content.offer.OfferPricing;
import io.tailor.content.targeting.TargetingRule;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides the offers a shopper sees: active offers in their window whose targeting matches, best first (priority,
 * then key), at most {@code content.offers.max-per-shopper} different offers per shopper in the rolling window (offers
 * already seen keep being shown). Each product is priced by one offer at most, and a price the shopper was already
 * shown in the offer window is shown again (read back from the audit log), so one shopper sees one price. Every
 * offer shown is written to the audit log.
 */
@ApplicationScoped
public class OfferDecisionService {

    private final ShopperStateReader shoppers;
    private final OfferAdminService admin;
    private final OfferCatalog catalog;
    private final OffersConfig config;
    private final OfferHistory history;
    private final Clock clock;

    public OfferDecisionService(
            ShopperStateReader shoppers,
            OfferAdminService admin,
            OfferCatalog catalog,
            OffersConfig config,
            OfferHistory history,
            Clock clock) {
        this.shoppers = shoppers;
        this.admin = admin;
        this.catalog = catalog;
        this.config = config;
        this.history = history;
        this.clock = clock;
    }

    private record Candidate(Offer offer, OfferDefinition definition, String rule) {}

    /**
     * @param record false for a dry run: decided exactly as usual, but nothing is audited, so nothing is pinned
     *     either (previews, warm-up)
     */
    public Uni<OfferDecision> decide(OfferDecisionRequest request, boolean record) {
        List<OfferPricing.Item> items = items(request);
        String shopper = request.shopper().unitId();
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        boolean personalized = request.personalize() == null || request.personalize();
        Instant now = clock.instant();
        Uni<ShopperStateReader.ResolvedMemberships> shopperState = personalized
                ? shoppers.resolvedMemberships(request.shopper())
                : Uni.createFrom().item(ShopperStateReader.ResolvedMemberships.UNKNOWN);
        return shopperState.flatMap(state -> {
            Optional<String> profileId = state.profileId();
            Map<String, Instant> memberships = state.memberships();
            if (!catalog.anyMayMatch(memberships, context, now, personalized)) {
                return Uni.createFrom().item(new OfferDecision(List.of()));
            }
            // three steps, each holding a connection only while it runs (a session for the offers, the pool for the
            // history, a transaction for the audit rows): holding one while asking for another could exhaust a small
            // pool under concurrent decisions
            return Panache.withSession(() -> Offer.<Offer>list(
                            "active = true and (startsAt is null or startsAt <= ?1) and (endsAt is null or endsAt > ?1)",
                            now))
                    .flatMap(offers -> {
                        List<Candidate> candidates = new ArrayList<>();
                        for (Offer o : offers) {
                            OfferDefinition d = admin.definition(o);
                            matchedRule(TargetingRule.of(d.targeting()), personalized, memberships, context, now)
                                    .ifPresent(r -> candidates.add(new Candidate(o, d, r)));
                        }
                        candidates.sort(Comparator.comparingInt(
                                        (Candidate c) -> c.definition().priorityOrZero())
                                .reversed()
                                .thenComparing(c -> c.offer().key));
                        if (candidates.isEmpty()) {
                            return Uni.createFrom().item(new OfferDecision(List.of()));
                        }
                        Map<String, Instant> since = new HashMap<>();
                        candidates.forEach(c -> since.put(c.offer().key, pricesKeptSince(c.offer())));
                        List<String> products = items.stream()
                                .map(OfferPricing.Item::productId)
                                .distinct()
                                .toList();
                        return history.read(shopper, since, products, now.minus(config.shopperWindow()))
                                .flatMap(seen ->
                                        show(candidates, seen, items, shopper, profileId.orElse(null), now, record));
                    });
        });
    }

    /**
     * The rule by which an offer's targeting matches this shopper on this page, if it does; a shopper who may not be
     * personalized is only matched by offers for everyone.
     */
    static Optional<String> matchedRule(
            TargetingRule rule,
            boolean personalized,
            Map<String, Instant> memberships,
            RequestContext context,
            Instant now) {
        if (!personalized && rule.specificity() > 0) {
            return Optional.empty();
        }
        return rule.match(memberships, context, now);
    }

    /** A price shown under an offer is shown again until the offer changes (or starts, if that is later). */
    private static Instant pricesKeptSince(Offer offer) {
        Instant since = offer.updatedAt;
        if (offer.startsAt != null && offer.startsAt.isAfter(since)) {
            since = offer.startsAt;
        }
        return since;
    }

    private Uni<OfferDecision> show(
            List<Candidate> candidates,
            OfferHistory.Seen history,
            List<OfferPricing.Item> items,
            String shopper,
            String profileId,
            Instant now,
            boolean record) {
        Set<String> seen = history.seen();
        int distinct = seen.size();
        Set<String> priced = new HashSet<>();
        List<OfferDecision.ShownOffer> shown = new ArrayList<>();
        List<OfferAudit> audit = new ArrayList<>();
        for (Candidate c : candidates) {
            String key = c.offer().key;
            if (!seen.contains(key)) {
                if (distinct >= config.maxPerShopper()) {
                    continue;
                }
                distinct++;
            }
            OfferDefinition d = c.definition();
            List<OfferDecision.Price> prices = new ArrayList<>();
            for (OfferPricing.Priced p : OfferPricing.price(d, items, config.maxDiscountPercent())) {
                if (!priced.add(p.productId())) {
                    continue;
                }
                OfferHistory.Pin pin = history.pins().get(OfferHistory.pinKey(key, p.productId()));
                prices.add(
                        pin == null
                                ? new OfferDecision.Price(
                                        p.productId(), p.price(), p.offerPrice(), p.percentOff(), false)
                                : new OfferDecision.Price(
                                        p.productId(), pin.basePrice(), pin.offerPrice(), p.percentOff(), true));
            }
            String explanation = OfferPricing.explain(d, c.rule(), d.end());
            shown.add(new OfferDecision.ShownOffer(
                    key,
                    d.kind(),
                    d.label() == null ? d.name() : d.label(),
                    c.rule(),
                    explanation,
                    d.end(),
                    d.offerKind() == OfferKind.FREE_SHIPPING,
                    List.copyOf(prices)));
            if (prices.isEmpty()) {
                audit.add(row(key, shopper, profileId, null, c.rule(), explanation, now));
            }
            for (OfferDecision.Price p : prices) {
                OfferAudit a = row(key, shopper, profileId, p, c.rule(), explanation, now);
                audit.add(a);
            }
        }
        OfferDecision decision = new OfferDecision(List.copyOf(shown));
        return audit.isEmpty() || !record
                ? Uni.createFrom().item(decision)
                : Panache.withTransaction(() -> OfferAudit.persist(audit)).replaceWith(decision);
    }

    private static OfferAudit row(
            String offer,
            String shopper,
            String profileId,
            OfferDecision.Price price,
            String rule,
            String explanation,
            Instant now) {
        OfferAudit a = new OfferAudit();
        a.id = UUID.randomUUID();
        a.offerKey = offer;
        a.shopperId = shopper;
        a.profileId = profileId;
        a.productId = price == null ? null : price.productId();
        a.basePrice = price == null ? null : price.price();
        a.offerPrice = price == null ? null : price.offerPrice();
        a.matchedRule = rule.length() > 1000 ? rule.substring(0, 1000) : rule;
        a.explanation = explanation;
        a.shownAt = now;
        return a;
    }

    /** Checks the request; every problem names its field. */
    static List<OfferPricing.Item> items(OfferDecisionRequest request) {
        if (request == null || request.shopper() == null || request.shopper().isEmpty()) {
            throw ProblemException.invalid("shopper", "an anonymousId or a customerId is required");
        }
        if (request.shopper().unitId().length() > 200) {
            throw ProblemException.invalid("shopper", "ids may be at most 200 characters");
        }
        List<OfferDecisionRequest.ProductInput> products = request.products() == null ? List.of() : request.products();
        List<Violation> v = OfferDecisionRequest.violations(products, "products");
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        List<OfferPricing.Item> items = new ArrayList<>();
        for (OfferDecisionRequest.ProductInput p : products) {
            items.add(new OfferPricing.Item(
                    p.productId(),
                    p.price(),
                    p.categoryPath(),
                    Boolean.TRUE.equals(p.onSale()),
                    p.quantity() == null ? 1 : p.quantity()));
        }
        return items;
    }
}
