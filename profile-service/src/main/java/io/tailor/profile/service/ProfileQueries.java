package io.tailor.profile.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.profile.Profile;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.domain.ProfilePolicy;
import io.tailor.profile.domain.ProfileState;
import io.tailor.profile.repository.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers questions about profiles: from the hot state when it has the answer, else from PostgreSQL. An id merged
 * into another profile resolves to the survivor.
 */
@ApplicationScoped
public class ProfileQueries {

    private static final int MAX_MERGE_HOPS = 8;

    private final ShopperStateReader hotState;
    private final ProfileRepository repository;
    private final ProfilePolicy policy;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final io.micrometer.core.instrument.Timer hotRead;

    public ProfileQueries(
            ShopperStateReader hotState,
            ProfileRepository repository,
            ProfilePolicy policy,
            ObjectMapper mapper,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.hotState = hotState;
        this.repository = repository;
        this.policy = policy;
        this.mapper = mapper;
        this.clock = clock;
        this.hotRead = io.micrometer.core.instrument.Timer.builder("tailor.profile.hot_read")
                .description("Reading a shopper's hot profile digest from Redis (the decide path)")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry);
    }

    /** The profile with this id, or the profile it was merged into. */
    @WithSession
    public Uni<Optional<ProfileSnapshot>> byId(String profileId) {
        return hotState.profile(profileId)
                .flatMap(hot -> hot.isPresent() ? Uni.createFrom().item(hot) : fromDatabase(profileId, 0));
    }

    /** The profile with this id (or its survivor) from PostgreSQL, never the hot state (export, erasure). */
    public Uni<Optional<ProfileSnapshot>> byIdFromDatabase(String profileId) {
        return fromDatabase(profileId, 0);
    }

    /** The profile the shopper's identities resolve to. */
    @WithSession
    public Uni<Optional<ProfileSnapshot>> byShopper(ShopperRef shopper) {
        return hotState.profileId(shopper).flatMap(id -> {
            if (id.isPresent()) {
                return byId(id.get());
            }
            Uni<String> owner = shopper.customerId() != null
                    ? repository.ownerOf(IdentityKey.customer(shopper.customerId()))
                    : Uni.createFrom().nullItem();
            return owner.flatMap(found -> found == null && shopper.anonymousId() != null
                            ? repository.ownerOf(IdentityKey.anonymous(shopper.anonymousId()))
                            : Uni.createFrom().item(found))
                    .flatMap(found -> found == null
                            ? Uni.createFrom().item(Optional.<ProfileSnapshot>empty())
                            : fromDatabase(found, 0));
        });
    }

    /**
     * What a decision needs to know about a shopper, from the hot state only (the decide path never waits for
     * PostgreSQL). An unknown shopper is a new visitor under the default consent policy.
     */
    public Uni<ProfileSummary> summary(ShopperRef shopper) {
        long started = System.nanoTime();
        return hotState.digest(shopper)
                .invoke(() -> hotRead.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS))
                .map(found -> found.map(p -> new ProfileSummary(
                                p.profileId(),
                                true,
                                p.known(),
                                p.consentOrUnknown().allowsPersonalization(policy.personalizationByDefault()),
                                policy.lifecycle()
                                        .stageOf(
                                                p.sessions(),
                                                p.productViews(),
                                                p.orders(),
                                                p.lastOrderAt(),
                                                clock.instant()),
                                p.traits(),
                                p.orders(),
                                p.sessions()))
                        .orElseGet(() -> new ProfileSummary(
                                null,
                                false,
                                shopper.customerId() != null,
                                policy.personalizationByDefault(),
                                policy.lifecycle().stageOf(0, 0, 0, null, clock.instant()),
                                Map.of(),
                                0,
                                0)));
    }

    private Uni<Optional<ProfileSnapshot>> fromDatabase(String profileId, int hops) {
        return repository.findById(profileId).flatMap(profile -> {
            if (profile != null) {
                return repository.recentIdentitiesOf(profileId).map(ids -> Optional.of(snapshot(profile, ids)));
            }
            if (hops >= MAX_MERGE_HOPS) {
                return Uni.createFrom().item(Optional.empty());
            }
            return repository
                    .survivorOf(profileId)
                    .flatMap(survivor -> survivor == null
                            ? Uni.createFrom().item(Optional.<ProfileSnapshot>empty())
                            : fromDatabase(survivor, hops + 1));
        });
    }

    private ProfileSnapshot snapshot(Profile profile, List<IdentityKey> identities) {
        try {
            ProfileState state = mapper.readValue(profile.state, ProfileState.class);
            List<String> anonymousIds = identities.stream()
                    .filter(i -> i.kind() == IdentityKey.Kind.ANONYMOUS)
                    .map(IdentityKey::value)
                    .toList();
            return state.snapshot(
                    profile.id, profile.version, profile.customerId, anonymousIds, policy, clock.instant());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable state of profile " + profile.id, e);
        }
    }
}
