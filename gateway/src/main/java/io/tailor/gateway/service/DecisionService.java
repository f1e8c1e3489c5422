package io.tailor.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.contracts.decision.VariantAssignment;
import io.tailor.contracts.experiment.Exposure;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.gateway.api.DecideRequest;
import io.tailor.gateway.api.DecideResponse;
import io.tailor.gateway.api.Degradation;
import io.tailor.gateway.api.OffersWanted;
import io.tailor.gateway.api.ShopperView;
import io.tailor.gateway.client.Deadline;
import io.tailor.gateway.client.DecisionClients;
import io.tailor.gateway.config.DecideBudget;
import io.tailor.gateway.config.GatewayConfig;
import io.tailor.gateway.messaging.ExposuresProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Composes one decision in two parallel phases within one deadline. First the profile (consent) and the experiment
 * assignments (the global holdout) — both answer from memory and Redis in about a millisecond. Then, knowing whether
 * this shopper may be personalized, segments, recommendations and content, each told so; when the page asks for
 * offers, content-service prices the page's products and, once recommendations are in, the recommended ones (so the
 * offers call gets what is left of the deadline). Every call has its own deadline, capped when it starts by what
 * remains of the decision's ({@link Deadline}); a late or failed call is served by its documented fallback and
 * listed in {@code degraded}, so the storefront always gets a complete answer in time.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final DecisionClients clients;
    private final LastKnownGood lastKnown;
    private final ExposuresProducer exposures;
    private final MeterRegistry registry;
    private final DecideBudget budget;
    private final Map<String, Timer> callTimers = new ConcurrentHashMap<>();

    public DecisionService(
            DecisionClients clients,
            LastKnownGood lastKnown,
            ExposuresProducer exposures,
            MeterRegistry registry,
            GatewayConfig gateway) {
        this.clients = clients;
        this.lastKnown = lastKnown;
        this.exposures = exposures;
        this.registry = registry;
        this.budget = DecideBudget.of(gateway.decide());
    }

    /** The result of one service call, or its fallback and why. */
    record Part<T>(T value, Degradation degradation) {}

    /** What the first phase learnt. */
    record FirstPhase(Part<ProfileSummary> profile, Part<AssignmentResponse> experiments) {}

    public Uni<DecideResponse> decide(DecideRequest request) {
        long started = System.nanoTime();
        String decisionId = UUID.randomUUID().toString();
        ShopperRef shopper = new ShopperRef(request.anonymousId(), request.customerId());
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        List<PlacementRequest> placements = request.placements() == null ? List.of() : request.placements();
        List<String> slots = request.slots() == null ? List.of() : request.slots();

        // every call answers by the deadline less the reserve for composing and writing the answer
        Deadline deadline = Deadline.of(started, budget.deadline().minus(budget.composeReserve()));
        Deadline first = deadline.atMost(budget.firstPhase());
        Uni<Part<ProfileSummary>> profile = guard(
                "profile-service",
                "profile",
                "unknown_shopper",
                () -> clients.profile(shopper, first),
                () -> unknownShopper(shopper));
        Uni<Part<AssignmentResponse>> experiments = guard(
                "experiment-service",
                "experiments",
                "control",
                () -> clients.experiments(new AssignmentRequest(shopper, context), first),
                () -> new AssignmentResponse(List.of(), false));

        return Uni.combine()
                .all()
                .unis(profile, experiments)
                .asTuple()
                .map(t -> new FirstPhase(t.getItem1(), t.getItem2()))
                .flatMap(phase ->
                        second(decisionId, shopper, context, placements, slots, request.offers(), phase, deadline));
    }

    private Uni<DecideResponse> second(
            String decisionId,
            ShopperRef shopper,
            RequestContext context,
            List<PlacementRequest> placements,
            List<String> slots,
            OffersWanted offersWanted,
            FirstPhase phase,
            Deadline deadline) {
        ProfileSummary summary = phase.profile().value();
        boolean holdout = phase.experiments().value().holdout();
        String notPersonalized = holdout ? "holdout" : !summary.personalizationAllowed() ? "no_consent" : null;
        boolean personalize = notPersonalized == null;
        if (!personalize) {
            registry.counter("tailor.gateway.decide.not_personalized", "reason", notPersonalized)
                    .increment();
        }
        Uni<Part<SegmentLookupResponse>> segments = !personalize
                ? Uni.createFrom().item(new Part<>(new SegmentLookupResponse(summary.profileId(), List.of()), null))
                : guard(
                        "segment-service",
                        "segments",
                        "no_segments",
                        () -> clients.segments(new SegmentLookupRequest(shopper, context), deadline),
                        () -> new SegmentLookupResponse(null, List.of()));
        Uni<Part<RecommendationResponse>> recommendations = placements.isEmpty()
                ? Uni.createFrom().item(new Part<>(new RecommendationResponse(List.of()), null))
                : guard(
                                "recommendation-service",
                                "recommendations",
                                "last_known_popular",
                                () -> clients.recommendations(
                                        new RecommendationRequest(shopper, context, placements, personalize), deadline),
                                () -> lastKnownPlacements(placements))
                        .memoize()
                        .indefinitely();
        Uni<Part<ContentResponse>> content = slots.isEmpty()
                ? Uni.createFrom().item(new Part<>(new ContentResponse(List.of()), null))
                : guard(
                        "content-service",
                        "content",
                        "last_known_default",
                        () -> clients.content(new ContentRequest(shopper, context, slots, personalize), deadline),
                        () -> lastKnownSlots(slots));

        Uni<Part<OfferDecision>> offers;
        if (offersWanted == null) {
            offers = Uni.createFrom().item(new Part<>(new OfferDecision(List.of()), null));
        } else if (offersWanted.recommendationsPriced() && !placements.isEmpty()) {
            offers = recommendations.flatMap(
                    r -> offers(shopper, context, personalize, offerProducts(offersWanted, r.value()), deadline));
        } else {
            offers = offers(shopper, context, personalize, offerProducts(offersWanted, null), deadline);
        }

        return Uni.combine()
                .all()
                .unis(segments, recommendations, content, offers)
                .asTuple()
                .map(t -> compose(
                        decisionId,
                        shopper,
                        phase,
                        notPersonalized,
                        t.getItem1(),
                        t.getItem2(),
                        t.getItem3(),
                        t.getItem4(),
                        deadline.startedNanos()));
    }

    /**
     * The offers call, given what is left of the deadline when it starts. Its fallback is no offer: regular prices,
     * which is always a price the store stands behind.
     */
    private Uni<Part<OfferDecision>> offers(
            ShopperRef shopper,
            RequestContext context,
            boolean personalize,
            List<OfferDecisionRequest.ProductInput> products,
            Deadline deadline) {
        if (deadline.remaining().compareTo(budget.offerMinimum()) < 0) {
            // too late to be worth asking: not asked, so a slow recommendation-service cannot open the offers breaker
            registry.counter(
                            "tailor.gateway.decide.fallbacks",
                            "service",
                            "content-service",
                            "part",
                            "offers",
                            "reason",
                            "no_time_left")
                    .increment();
            return Uni.createFrom()
                    .item(new Part<>(
                            new OfferDecision(List.of()),
                            new Degradation("content-service", "no_time_left", "regular_prices")));
        }
        return guard(
                "content-service",
                "offers",
                "regular_prices",
                () -> clients.offers(new OfferDecisionRequest(shopper, context, products, personalize), deadline),
                () -> new OfferDecision(List.of()));
    }

    /** The page's own products, then every recommended product with a price, each once, at most the offer limit. */
    static List<OfferDecisionRequest.ProductInput> offerProducts(
            OffersWanted wanted, RecommendationResponse recommendations) {
        List<OfferDecisionRequest.ProductInput> products = new ArrayList<>(wanted.productsOrEmpty());
        Set<String> seen = new HashSet<>();
        products.forEach(p -> seen.add(p.productId()));
        if (recommendations != null) {
            for (PlacementResult placement : recommendations.placements()) {
                for (RecommendedProduct item : placement.items()) {
                    if (products.size() >= OfferDecisionRequest.MAX_PRODUCTS) {
                        return products;
                    }
                    if (item.productId() != null
                            && item.price() != null
                            && item.price().signum() >= 0
                            && seen.add(item.productId())) {
                        products.add(new OfferDecisionRequest.ProductInput(
                                item.productId(), item.price(), null, null, null));
                    }
                }
            }
        }
        return products;
    }

    private DecideResponse compose(
            String decisionId,
            ShopperRef shopper,
            FirstPhase phase,
            String notPersonalized,
            Part<SegmentLookupResponse> segments,
            Part<RecommendationResponse> recommendations,
            Part<ContentResponse> content,
            Part<OfferDecision> offers,
            long started) {
        List<Degradation> degraded = new ArrayList<>();
        for (Part<?> part : List.of(phase.profile(), segments, recommendations, content, offers, phase.experiments())) {
            if (part.degradation() != null) {
                degraded.add(part.degradation());
            }
        }
        if (recommendations.degradation() == null) {
            recommendations.value().placements().forEach(lastKnown::remember);
        }
        if (content.degradation() == null) {
            content.value().slots().forEach(lastKnown::remember);
        }
        ProfileSummary summary = phase.profile().value();
        ShopperView view = new ShopperView(
                summary.profileId(), summary.known(), summary.lifecycle(), notPersonalized == null, notPersonalized);
        List<VariantAssignment> assignments = phase.experiments().value().assignments();
        Instant now = Instant.now();
        for (VariantAssignment assignment : assignments) {
            exposures.publish(new Exposure(
                    decisionId,
                    assignment.experimentKey(),
                    assignment.variationKey(),
                    assignment.variationIndex(),
                    shopper.unitId(),
                    summary.profileId(),
                    "decide",
                    now));
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        return new DecideResponse(
                decisionId,
                view,
                segments.value().segments(),
                recommendations.value().placements(),
                content.value().slots(),
                offers.value().offers(),
                assignments,
                degraded,
                tookMs);
    }

    /**
     * One call with its fallback, timed and counted per service and part (content-service answers two parts:
     * content and offers).
     */
    private <T> Uni<Part<T>> guard(
            String service, String part, String fallbackName, Supplier<Uni<T>> call, Supplier<T> fallback) {
        long started = System.nanoTime();
        return Uni.createFrom()
                .<T>deferred(call::get)
                .map(value -> new Part<T>(value, null))
                .onFailure()
                .recoverWithItem(failure -> {
                    String reason = reason(failure);
                    registry.counter(
                                    "tailor.gateway.decide.fallbacks",
                                    "service",
                                    service,
                                    "part",
                                    part,
                                    "reason",
                                    reason)
                            .increment();
                    LOG.debugf("Decide fell back for %s %s (%s): %s", service, part, reason, failure.toString());
                    return new Part<>(fallback.get(), new Degradation(service, reason, fallbackName));
                })
                .invoke(answer -> callTimer(service, part, answer.degradation() == null ? "answered" : "fallback")
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /**
     * Time from asking a service to having its answer or its fallback, per service, part and outcome. Registered
     * once per combination (a handful), not looked up in the registry on each of a decision's calls.
     */
    private Timer callTimer(String service, String part, String outcome) {
        return callTimers.computeIfAbsent(
                service + '/' + part + '/' + outcome, k -> Timer.builder("tailor.gateway.decide.call")
                        .description("Time a decision waited for one service's part")
                        .tags("service", service, "part", part, "outcome", outcome)
                        .publishPercentiles(0.5, 0.99)
                        .register(registry));
    }

    static String reason(Throwable failure) {
        if (failure instanceof TimeoutException
                || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return "timeout";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (failure instanceof BulkheadException) {
            return "overloaded";
        }
        if (failure instanceof java.net.ConnectException
                || failure.getCause() instanceof java.net.ConnectException
                || failure instanceof io.vertx.core.VertxException) {
            return "unavailable";
        }
        return "error";
    }

    private static ProfileSummary unknownShopper(ShopperRef shopper) {
        return new ProfileSummary(
                null, false, shopper.customerId() != null, true, Lifecycle.NEW_VISITOR, Map.of(), 0, 0);
    }

    private RecommendationResponse lastKnownPlacements(List<PlacementRequest> placements) {
        List<PlacementResult> results = new ArrayList<>();
        for (PlacementRequest placement : placements) {
            results.add(lastKnown
                    .placement(placement.placement())
                    .orElseGet(() -> new PlacementResult(placement.placement(), List.of(), true)));
        }
        return new RecommendationResponse(results);
    }

    private ContentResponse lastKnownSlots(List<String> slots) {
        List<SlotContent> results = new ArrayList<>();
        for (String slot : slots) {
            lastKnown.slot(slot).ifPresent(results::add);
        }
        return new ContentResponse(results);
    }
}
