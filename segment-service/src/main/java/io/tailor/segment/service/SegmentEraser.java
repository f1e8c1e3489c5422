package io.tailor.segment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.privacy.ShopperDataEraser;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.segment.domain.ProfileIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Erasure: the shopper leaves every segment (exits published with the reason {@code erased}), and this service's
 * copy of the profile, its membership hash, its place in every member set and in the wake-up schedule, and its
 * in-memory entry are deleted. Idempotent.
 */
@ApplicationScoped
public class SegmentEraser implements ShopperDataEraser {

    private final MembershipService memberships;
    private final ShopperStateReader shoppers;
    private final ProfileIndex index;

    public SegmentEraser(MembershipService memberships, ShopperStateReader shoppers, ProfileIndex index) {
        this.memberships = memberships;
        this.shoppers = shoppers;
        this.index = index;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        List<Uni<Optional<String>>> lookups = new ArrayList<>();
        if (request.customerId() != null) {
            lookups.add(shoppers.profileId(new ShopperRef(null, request.customerId())));
        }
        if (request.anonymousIds() != null) {
            request.anonymousIds().forEach(a -> lookups.add(shoppers.profileId(new ShopperRef(a, null))));
        }
        Uni<List<Optional<String>>> aliases = lookups.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(lookups).andFailFast();
        return aliases.flatMap(found -> {
            Set<String> ids = new LinkedHashSet<>();
            if (request.profileId() != null) {
                ids.add(request.profileId());
            }
            found.forEach(id -> id.ifPresent(ids::add));
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            ids.forEach(index::remove);
            return memberships.remove(ids, MembershipService.ERASED);
        });
    }
}
