package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.SegmentMembership;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.SegmentRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The decide path: the shopper's profile id and stored memberships in one Redis round trip (alias, then HGETALL, in
 * one script), and the request segments evaluated in memory against this page and the shopper's in-memory profile.
 * Timed as {@code tailor.segment.lookup} (p50, p99, p99.9 on /q/metrics).
 */
@ApplicationScoped
public class LookupService {

    private static final Message ANONYMOUS = RuleInputs.profile(ShopperStates.anonymous(), RuleInputs.Scores.NONE);

    private final ShopperStateReader shoppers;
    private final SegmentCatalog catalog;
    private final RuleEngine engine;
    private final ProfileIndex index;
    private final RfmService rfm;
    private final Clock clock;
    private final Timer timer;

    public LookupService(
            ShopperStateReader shoppers,
            SegmentCatalog catalog,
            RuleEngine engine,
            ProfileIndex index,
            RfmService rfm,
            Clock clock,
            MeterRegistry registry) {
        this.shoppers = shoppers;
        this.catalog = catalog;
        this.engine = engine;
        this.index = index;
        this.rfm = rfm;
        this.clock = clock;
        this.timer = Timer.builder("tailor.segment.lookup")
                .description("Time to answer a decide-path segment lookup, in the service")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry);
    }

    public Uni<SegmentLookupResponse> lookup(SegmentLookupRequest request) {
        long started = System.nanoTime();
        return shoppers.resolvedMemberships(request.shopper())
                .map(found -> {
                    Optional<String> id = found.profileId();
                    List<SegmentMembership> segments = new ArrayList<>();
                    found.memberships().forEach((key, since) -> catalog.get(key)
                            .filter(s -> !s.requestScoped())
                            .ifPresent(s -> segments.add(new SegmentMembership(key, s.name(), since, false))));
                    segments.addAll(requestTime(id, request));
                    return new SegmentLookupResponse(id.orElse(null), segments);
                })
                .invoke(() -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    private List<SegmentMembership> requestTime(Optional<String> profileId, SegmentLookupRequest request) {
        List<SegmentRule> segments = catalog.requestSegments();
        if (segments.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Optional<ProfileIndex.Entry> entry = profileId.flatMap(index::get);
        Message requestInput = RuleInputs.request(request.context());
        List<SegmentMembership> out = new ArrayList<>();
        for (SegmentRule s : segments) {
            Message profile = entry.map(
                            e -> s.projection().profile(e.input(), rfm.model().scores(e.facts())))
                    .orElse(ANONYMOUS);
            if (engine.evaluate(s.rule(), profile, requestInput, now).matches()) {
                out.add(new SegmentMembership(s.key(), s.name(), null, true));
            }
        }
        return out;
    }
}
