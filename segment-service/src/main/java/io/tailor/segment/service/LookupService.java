package io.tailor.segment.service;

import com.google.protobuf.Message;
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

/**
 * The decide path: the shopper's profile id (alias, one Redis read), their stored memberships (one Redis read:
 * HGETALL), and the request segments evaluated in memory against this page and the shopper's in-memory profile.
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

    public LookupService(
            ShopperStateReader shoppers,
            SegmentCatalog catalog,
            RuleEngine engine,
            ProfileIndex index,
            RfmService rfm,
            Clock clock) {
        this.shoppers = shoppers;
        this.catalog = catalog;
        this.engine = engine;
        this.index = index;
        this.rfm = rfm;
        this.clock = clock;
    }

    public Uni<SegmentLookupResponse> lookup(SegmentLookupRequest request) {
        return shoppers.profileId(request.shopper()).flatMap(id -> {
            if (id.isEmpty()) {
                return Uni.createFrom().item(new SegmentLookupResponse(null, requestTime(Optional.empty(), request)));
            }
            return shoppers.memberships(id.get()).map(stored -> {
                List<SegmentMembership> segments = new ArrayList<>();
                stored.forEach((key, since) -> catalog.get(key)
                        .filter(s -> !s.requestScoped())
                        .ifPresent(s -> segments.add(new SegmentMembership(key, s.name(), since, false))));
                segments.addAll(requestTime(id, request));
                return new SegmentLookupResponse(id.get(), segments);
            });
        });
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
