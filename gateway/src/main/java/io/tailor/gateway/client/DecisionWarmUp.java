package io.tailor.gateway.client;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.ShopperRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Warms the decide path before the gateway takes traffic: a freshly started JVM runs interpreted code, so its first
 * calls miss the decision deadlines, which would open the circuit breakers and keep the path cold. The gateway
 * therefore makes {@code gateway.warm-up.requests} rounds of the five calls (bypassing deadlines and breakers), which
 * also warms the services' own decide endpoints, and reports ready when done (or after
 * {@code gateway.warm-up.max-duration}).
 */
@ApplicationScoped
@Readiness
public class DecisionWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DecisionWarmUp.class);

    private final ProfileRestClient profiles;
    private final SegmentRestClient segments;
    private final RecommendationRestClient recommendations;
    private final ContentRestClient content;
    private final ExperimentRestClient experiments;
    private final int rounds;
    private final Duration maxDuration;
    private volatile boolean done;

    public DecisionWarmUp(
            @RestClient ProfileRestClient profiles,
            @RestClient SegmentRestClient segments,
            @RestClient RecommendationRestClient recommendations,
            @RestClient ContentRestClient content,
            @RestClient ExperimentRestClient experiments,
            io.tailor.gateway.config.GatewayConfig config) {
        this.profiles = profiles;
        this.segments = segments;
        this.recommendations = recommendations;
        this.content = content;
        this.experiments = experiments;
        this.rounds = config.warmUp().requests();
        this.maxDuration = config.warmUp().maxDuration();
    }

    void start(@Observes StartupEvent started) {
        if (rounds <= 0) {
            done = true;
            return;
        }
        long begun = System.nanoTime();
        AtomicInteger succeeded = new AtomicInteger();
        List<Uni<Void>> workers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.add(Multi.createBy()
                    .repeating()
                    .uni(() -> round(worker + 4 * succeeded.get()).call(ok -> {
                        if (ok) {
                            succeeded.incrementAndGet();
                            return Uni.createFrom().voidItem();
                        }
                        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(250));
                    }))
                    .until(ok -> succeeded.get() >= rounds || System.nanoTime() - begun > maxDuration.toNanos())
                    .collect()
                    .last()
                    .replaceWithVoid());
        }
        Uni.join()
                .all(workers)
                .andCollectFailures()
                .subscribe()
                .with(ignored -> finish(succeeded.get(), begun), failure -> finish(succeeded.get(), begun));
    }

    private void finish(int succeeded, long begun) {
        done = true;
        LOG.infof("Decide path warmed up: %d rounds in %d ms", succeeded, (System.nanoTime() - begun) / 1_000_000);
    }

    /** One decision's five calls; true when all answered. */
    private Uni<Boolean> round(int i) {
        ShopperRef shopper = new ShopperRef("warm-up-" + (i % 64), null);
        RequestContext context =
                new RequestContext("home", null, null, null, null, null, null, null, "desktop", null, null);
        return Uni.combine()
                .all()
                .unis(
                        profiles.summary(shopper.anonymousId(), null),
                        segments.lookup(new SegmentLookupRequest(shopper, context)),
                        recommendations.recommend(new RecommendationRequest(
                                shopper, context, List.of(new PlacementRequest("popular", 8)))),
                        content.decide(new ContentRequest(shopper, context, List.of("home_hero"))),
                        experiments.assign(new AssignmentRequest(shopper, context)))
                .discardItems()
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(false);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("decide-warm-up").status(done).build();
    }
}
