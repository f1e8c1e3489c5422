package io.tailor.profile.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.profile.cache.HotProfileWriter;
import io.tailor.profile.domain.EventBatchApplier;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.domain.ProfilePolicy;
import io.tailor.profile.domain.ProfileRecord;
import io.tailor.profile.messaging.ProfileChangeJson;
import io.tailor.profile.messaging.ProfileChangeJson.Encoded;
import io.tailor.profile.messaging.ProfileChangesProducer;
import io.tailor.profile.repository.ProfileStore;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies shopper events to profiles: one transaction per batch (dedupe, resolve, lock, apply, save), then the hot
 * state and {@code profile-changes}. Exactly-once effect: an event id is recorded in the same transaction as its
 * effect, so a redelivered event changes nothing (and its profile is published again, healing a failure between
 * commit and publish). Events about an erased shopper that happened before the erasure are dropped.
 */
@ApplicationScoped
public class ProfileService {

    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("23505", "40001", "40P01");

    /**
     * What a batch did: the profiles it changed (as published), the events that could not apply, with why, and the
     * anonymous ids whose alias the hot state must (re)write, with their profile.
     */
    public record Applied(
            List<ProfileChange> changes,
            List<EventBatchApplier.Rejection> rejections,
            Map<String, String> anonymousAliases) {

        static final Applied NOTHING = new Applied(List.of(), List.of(), Map.of());
    }

    private final ProfileStore store;
    private final HotProfileWriter hotState;
    private final ProfileChangesProducer changes;
    private final ProfileChangeJson json;
    private final EmailHasher emailHasher;
    private final ProfilePolicy policy;
    private final Clock clock;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter erasedDropped;

    public ProfileService(
            ProfileStore store,
            HotProfileWriter hotState,
            ProfileChangesProducer changes,
            ProfileChangeJson json,
            EmailHasher emailHasher,
            ProfilePolicy policy,
            Clock clock,
            MeterRegistry registry) {
        this.store = store;
        this.hotState = hotState;
        this.changes = changes;
        this.json = json;
        this.emailHasher = emailHasher;
        this.policy = policy;
        this.clock = clock;
        this.applied = registry.counter("tailor.profile.events.applied");
        this.duplicates = registry.counter("tailor.profile.events.duplicate");
        this.erasedDropped = registry.counter("tailor.profile.events.erased");
    }

    /** Applies valid events, publishes the changed profiles, and completes when both are done. */
    public Uni<Applied> process(List<ShopperEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Applied.NOTHING);
        }
        return apply(events).call(result -> {
            // each snapshot is written as JSON once, for the hot state and for profile-changes
            List<Encoded> encoded = result.changes().stream().map(json::encode).toList();
            return hotState.publish(encoded, result.anonymousAliases()).call(() -> changes.send(encoded));
        });
    }

    /** Applies and saves, retrying the whole batch when another writer changed one of its profiles meanwhile. */
    public Uni<Applied> apply(List<ShopperEvent> events) {
        return Uni.createFrom()
                .deferred(() -> store.inTransaction(c -> applyIn(c, events, clock.instant())))
                .onFailure(ProfileService::retryable)
                .retry()
                .withBackOff(Duration.ofMillis(10), Duration.ofMillis(500))
                .atMost(8);
    }

    private Uni<Applied> applyIn(SqlConnection c, List<ShopperEvent> events, Instant now) {
        Map<String, ShopperEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        Set<IdentityKey> keys = new LinkedHashSet<>();
        unique.values().forEach(e -> keys.addAll(EventBatchApplier.identitiesOf(e, emailHasher::hash)));
        return store.tombstones(c, keys).flatMap(tombstones -> {
            dropErased(unique, tombstones);
            return unique.isEmpty()
                    ? Uni.createFrom().item(Applied.NOTHING)
                    : applyLive(c, unique, keys, events.size(), now);
        });
    }

    /** Events about an erased shopper that happened before the erasure must not recreate the profile. */
    private void dropErased(Map<String, ShopperEvent> events, Map<IdentityKey, Instant> tombstones) {
        if (tombstones.isEmpty()) {
            return;
        }
        events.values().removeIf(e -> {
            for (IdentityKey key : EventBatchApplier.identitiesOf(e, emailHasher::hash)) {
                Instant erasedAt = tombstones.get(key);
                if (erasedAt != null && !e.occurredAt().isAfter(erasedAt)) {
                    erasedDropped.increment();
                    return true;
                }
            }
            return false;
        });
    }

    private Uni<Applied> applyLive(
            SqlConnection c, Map<String, ShopperEvent> unique, Set<IdentityKey> keys, int received, Instant now) {
        return store.markProcessed(c, unique.keySet(), now).flatMap(fresh -> store.resolve(c, keys)
                .flatMap(directory -> store.lockAndLoad(c, new HashSet<>(directory.values()))
                        // Asked again once the owners are locked: an identity another batch moved between the two
                        // reads would otherwise be applied to, and named in the hot state for, its former profile.
                        .flatMap(profiles ->
                                store.resolve(c, keys).map(again -> again.equals(directory) ? profiles : null))
                        .flatMap(profiles -> {
                            if (profiles == null || !profiles.keySet().containsAll(directory.values())) {
                                return Uni.createFrom().failure(new ProfileStore.ConcurrentProfileUpdate(1));
                            }
                            EventBatchApplier applier = applier(directory, profiles);
                            for (ShopperEvent event : unique.values()) {
                                if (fresh.contains(event.eventId())) {
                                    applier.apply(event);
                                } else {
                                    applier.touch(event);
                                }
                            }
                            applied.increment(
                                    fresh.size() - applier.rejections().size());
                            duplicates.increment(received - fresh.size());
                            return store.save(
                                            c,
                                            applier.changedProfiles(),
                                            applier.links(),
                                            applier.merges(),
                                            applier.profileMoves(),
                                            applier.consentRecords(),
                                            now)
                                    .flatMap(moved -> {
                                        List<ProfileChange> changed = applier.changes(now);
                                        Map<String, String> aliases = anonymousAliases(applier, moved);
                                        if (fresh.size() == unique.size()) {
                                            return Uni.createFrom()
                                                    .item(new Applied(changed, applier.rejections(), aliases));
                                        }
                                        // A redelivery: the delivery that applied these events may have failed to
                                        // publish after its commit, so write every browser of their profiles again.
                                        return store.anonymousIdentities(
                                                        c,
                                                        changed.stream()
                                                                .map(ProfileChange::profileId)
                                                                .toList())
                                                .map(all -> {
                                                    Map<String, String> merged = new HashMap<>(all);
                                                    merged.putAll(aliases);
                                                    return new Applied(changed, applier.rejections(), merged);
                                                });
                                    });
                        })));
    }

    /**
     * The anonymous ids the hot state must point at a profile beyond those its snapshots carry: the batch's own (see
     * {@link EventBatchApplier#anonymousAliases()}) and those that moved with a merged profile without being loaded.
     */
    private static Map<String, String> anonymousAliases(EventBatchApplier applier, Map<IdentityKey, String> moved) {
        Map<String, String> aliases = new HashMap<>();
        moved.forEach((key, profileId) -> {
            if (key.kind() == IdentityKey.Kind.ANONYMOUS) {
                aliases.put(key.value(), profileId);
            }
        });
        aliases.putAll(applier.anonymousAliases());
        return aliases;
    }

    private EventBatchApplier applier(Map<IdentityKey, String> directory, Map<String, ProfileRecord> profiles) {
        Map<IdentityKey, String> all = new HashMap<>(directory);
        profiles.values().forEach(p -> p.identities().forEach(k -> all.putIfAbsent(k, p.id())));
        return new EventBatchApplier(all, profiles, () -> UUID.randomUUID().toString(), emailHasher::hash, policy);
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof ProfileStore.ConcurrentProfileUpdate
                || (failure instanceof PgException pg && RETRYABLE_SQL_STATES.contains(pg.getSqlState()));
    }
}
