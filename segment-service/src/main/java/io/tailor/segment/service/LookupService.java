package io.tailor.segment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.contracts.decision.SegmentMembership;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decide path: a shopper's stored memberships (Redis) plus the request segments evaluated against this page.
 * The hot profile is read only when request segments exist.
 */
@ApplicationScoped
public class LookupService {

    private final ShopperStateReader shoppers;
    private final SegmentCatalog catalog;
    private final RuleEngine engine;
    private final Clock clock;

    public LookupService(ShopperStateReader shoppers, SegmentCatalog catalog, RuleEngine engine, Clock clock) {
        this.shoppers = shoppers;
        this.catalog = catalog;
        this.engine = engine;
        this.clock = clock;
    }

    public Uni<SegmentLookupResponse> lookup(SegmentLookupRequest request) {
        List<SegmentCatalog.Live> requestSegments = catalog.requestSegments();
        return shoppers.profileId(request.shopper()).flatMap(id -> {
            if (id.isEmpty()) {
                return Uni.createFrom()
                        .item(new SegmentLookupResponse(null, requestTime(requestSegments, Optional.empty(), request)));
            }
            Uni<Map<String, Instant>> stored = shoppers.memberships(id.get());
            Uni<Optional<ProfileSnapshot>> profile =
                    requestSegments.isEmpty() ? Uni.createFrom().item(Optional.empty()) : shoppers.profile(id.get());
            return Uni.combine().all().unis(stored, profile).asTuple().map(both -> {
                List<SegmentMembership> segments = new ArrayList<>();
                both.getItem1().forEach((key, since) -> catalog.get(key)
                        .ifPresent(s -> segments.add(new SegmentMembership(key, s.name(), since, false))));
                segments.addAll(requestTime(requestSegments, both.getItem2(), request));
                return new SegmentLookupResponse(id.get(), segments);
            });
        });
    }

    private List<SegmentMembership> requestTime(
            List<SegmentCatalog.Live> segments, Optional<ProfileSnapshot> profile, SegmentLookupRequest request) {
        if (segments.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        var profileInput = profile.map(p -> RuleInputs.profile(p, RuleInputs.Scores.NONE))
                .orElseGet(() -> RuleInputs.profile(ShopperStates.anonymous(), RuleInputs.Scores.NONE));
        var requestInput = RuleInputs.request(request.context());
        List<SegmentMembership> out = new ArrayList<>();
        for (SegmentCatalog.Live s : segments) {
            if (engine.evaluate(s.rule(), profileInput, requestInput, now).matches()) {
                out.add(new SegmentMembership(s.key(), s.name(), null, true));
            }
        }
        return out;
    }
}
