package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.gateway.config.DecideBudget;
import io.tailor.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The calls a decision makes (five services, and content-service's offers when asked), each bounded by its deadline, guarded by a circuit breaker (a service failing
 * three quarters of its last 40 calls is skipped for 5 s, so a dead service costs nothing) and a bulkhead (at most 256 calls in flight
 * per service). Failures surface to the caller, which serves the documented fallback.
 */
@ApplicationScoped
public class DecisionClients {

    private static final long BREAKER_DELAY_MS = 5_000;

    /**
     * Calls in a breaker's window. A window of 200 (an outage, not a stall, opens it) was measured on 2026-12-06 and
     * made decide slower on a busy node than 40: a slow service stayed in the path longer (docs/benchmarks.md).
     */
    private static final int BREAKER_VOLUME = 40;

    private final ProfileRestClient profiles;
    private final SegmentRestClient segments;
    private final RecommendationRestClient recommendations;
    private final ContentRestClient content;
    private final ExperimentRestClient experiments;
    private final DecideBudget deadlines;

    public DecisionClients(
            @RestClient ProfileRestClient profiles,
            @RestClient SegmentRestClient segments,
            @RestClient RecommendationRestClient recommendations,
            @RestClient ContentRestClient content,
            @RestClient ExperimentRestClient experiments,
            GatewayConfig config) {
        this.profiles = profiles;
        this.segments = segments;
        this.recommendations = recommendations;
        this.content = content;
        this.experiments = experiments;
        this.deadlines = DecideBudget.of(config.decide());
    }

    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<ProfileSummary> profile(ShopperRef shopper, Deadline deadline) {
        return bounded(profiles.summary(shopper.anonymousId(), shopper.customerId()), deadlines.profile(), deadline);
    }

    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<SegmentLookupResponse> segments(SegmentLookupRequest request, Deadline deadline) {
        return bounded(segments.lookup(request), deadlines.segment(), deadline);
    }

    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<RecommendationResponse> recommendations(RecommendationRequest request, Deadline deadline) {
        return bounded(recommendations.recommend(request), deadlines.recommendation(), deadline);
    }

    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<ContentResponse> content(ContentRequest request, Deadline deadline) {
        return bounded(content.decide(request), deadlines.content(), deadline);
    }

    /** Offers have their own breaker: a slow offer store must not cut content off, nor the reverse. */
    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<OfferDecision> offers(OfferDecisionRequest request, Deadline deadline) {
        return bounded(content.offers(request), deadlines.offer(), deadline);
    }

    @CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = 0.75, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<AssignmentResponse> experiments(AssignmentRequest request, Deadline deadline) {
        return bounded(experiments.assign(request), deadlines.experiment(), deadline);
    }

    /**
     * The call's result, or a timeout failure when its own deadline or the decision's passes, whichever is first,
     * counted from now. The HTTP exchange itself is not cancelled: it runs to its end (bounded by the client's read
     * timeout) and returns its connection to the pool. Cancelling an in-flight REST client call can strand pooled
     * connections (quarkusio/quarkus#49938), which would turn one slow moment into every later call timing out.
     */
    private static <T> Uni<T> bounded(Uni<T> call, Duration callDeadline, Deadline deadline) {
        Duration cap = deadline.capFor(callDeadline);
        if (cap.isNegative() || cap.isZero()) {
            return Uni.createFrom().failure(new java.util.concurrent.TimeoutException("no time left"));
        }
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.ScheduledFuture<?> timeout = deadline.schedule(
                () -> result.completeExceptionally(
                        new java.util.concurrent.TimeoutException("no answer within " + cap.toMillis() + " ms")),
                cap);
        call.subscribe()
                .with(
                        item -> {
                            timeout.cancel(false);
                            result.complete(item);
                        },
                        failure -> {
                            timeout.cancel(false);
                            result.completeExceptionally(failure);
                        });
        return Uni.createFrom().completionStage(result);
    }
}
