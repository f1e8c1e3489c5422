package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The five calls a decision makes, each bounded by its deadline, guarded by a circuit breaker (a service failing
 * half of 20 calls is skipped for 5 s, so a dead service costs nothing) and a bulkhead (at most 256 calls in flight
 * per service). Failures surface to the caller, which serves the documented fallback.
 */
@ApplicationScoped
public class DecisionClients {

    private static final long BREAKER_DELAY_MS = 5_000;

    private final ProfileRestClient profiles;
    private final SegmentRestClient segments;
    private final RecommendationRestClient recommendations;
    private final ContentRestClient content;
    private final ExperimentRestClient experiments;
    private final GatewayConfig.Decide deadlines;

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
        this.deadlines = config.decide();
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<ProfileSummary> profile(ShopperRef shopper) {
        return bounded(profiles.summary(shopper.anonymousId(), shopper.customerId()), deadlines.profileDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<SegmentLookupResponse> segments(SegmentLookupRequest request) {
        return bounded(segments.lookup(request), deadlines.segmentDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<RecommendationResponse> recommendations(RecommendationRequest request) {
        return bounded(recommendations.recommend(request), deadlines.recommendationDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<ContentResponse> content(ContentRequest request) {
        return bounded(content.decide(request), deadlines.contentDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = BREAKER_DELAY_MS)
    @Bulkhead(256)
    public Uni<AssignmentResponse> experiments(AssignmentRequest request) {
        return bounded(experiments.assign(request), deadlines.experimentDeadline());
    }

    private <T> Uni<T> bounded(Uni<T> call, Duration deadline) {
        Duration cap = deadline.compareTo(deadlines.deadline()) < 0 ? deadline : deadlines.deadline();
        return call.ifNoItem().after(cap).fail();
    }
}
