package io.tailor.profile.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.HotState;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.kit.problem.ProblemException;
import io.tailor.profile.cache.HotProfileWriter;
import io.tailor.profile.config.ProfileConfig;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.messaging.PrivacyMessagesProducer;
import io.tailor.profile.messaging.ProfileChangesProducer;
import io.tailor.profile.repository.PrivacyStore;
import io.tailor.profile.repository.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Erasure and retention. An erasure deletes the profile here (rows, hot state, aliases), tells segment-service
 * through {@code profile-changes}, asks every service through {@code privacy-requests}, and stays queryable until all
 * expected services confirmed on {@code privacy-results}.
 */
@ApplicationScoped
public class PrivacyService {

    private static final Logger LOG = Logger.getLogger(PrivacyService.class);

    /** The status of an erasure as the API shows it. */
    public record ErasureStatus(
            String requestId,
            String profileId,
            String reason,
            String status,
            Instant requestedAt,
            Instant completedAt,
            List<PrivacyStore.ServiceAnswer> answers,
            List<String> waitingFor) {}

    private final PrivacyStore store;
    private final ProfileRepository repository;
    private final HotProfileWriter hotState;
    private final ProfileChangesProducer changes;
    private final PrivacyMessagesProducer messages;
    private final ProfileConfig config;
    private final Clock clock;

    public PrivacyService(
            PrivacyStore store,
            ProfileRepository repository,
            HotProfileWriter hotState,
            ProfileChangesProducer changes,
            PrivacyMessagesProducer messages,
            ProfileConfig config,
            Clock clock) {
        this.store = store;
        this.repository = repository;
        this.hotState = hotState;
        this.changes = changes;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
    }

    /** Erases a profile (or the profile it was merged into); 404 when there is none. */
    public Uni<ErasureStatus> erase(String profileId, String reason) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> resolveSurvivor(profileId, 0))
                .flatMap(id -> erasePresent(id, reason))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No profile " + profileId));
    }

    private Uni<String> resolveSurvivor(String profileId, int hops) {
        return repository.findById(profileId).flatMap(found -> {
            if (found != null || hops > 8) {
                return Uni.createFrom().item(found == null ? null : profileId);
            }
            return repository
                    .survivorOf(profileId)
                    .flatMap(survivor ->
                            survivor == null ? Uni.createFrom().nullItem() : resolveSurvivor(survivor, hops + 1));
        });
    }

    private Uni<ErasureStatus> erasePresent(String profileId, String reason) {
        if (profileId == null) {
            return Uni.createFrom().nullItem();
        }
        UUID requestId = UUID.randomUUID();
        Instant now = clock.instant();
        return store.erase(profileId, requestId, reason, now).flatMap(erased -> {
            if (erased == null) {
                return Uni.createFrom().nullItem();
            }
            List<String> aliases = new ArrayList<>();
            for (IdentityKey key : erased.identities()) {
                if (key.kind() == IdentityKey.Kind.ANONYMOUS) {
                    aliases.add(HotState.anonymousAlias(key.value()));
                } else if (key.kind() == IdentityKey.Kind.CUSTOMER) {
                    aliases.add(HotState.customerAlias(key.value()));
                }
            }
            PrivacyRequest request = new PrivacyRequest(
                    requestId.toString(),
                    PrivacyRequest.Kind.ERASE,
                    profileId,
                    erased.customerId(),
                    erased.anonymousIds(),
                    now);
            LOG.infof("Erased profile %s (request %s, %s)", profileId, requestId, reason);
            return hotState.remove(profileId, aliases)
                    .call(() -> changes.send(
                            new ProfileChange(profileId, erased.version() + 1, now, "erase", null, List.of(), null)))
                    .call(() -> messages.request(request))
                    .flatMap(ignored -> status(requestId.toString()));
        });
    }

    public Uni<ErasureStatus> status(String requestId) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("requestId", "must be a UUID");
        }
        return store.status(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("No privacy request " + requestId);
            }
            List<String> waiting = new ArrayList<>();
            Map<String, PrivacyStore.ServiceAnswer> byService = new LinkedHashMap<>();
            s.answers().forEach(a -> byService.put(a.service(), a));
            for (String service : config.privacy().services()) {
                PrivacyStore.ServiceAnswer a = byService.get(service);
                if (a == null || !a.done()) {
                    waiting.add(service);
                }
            }
            boolean failed = s.answers().stream().anyMatch(a -> !a.done());
            String status = s.completedAt() != null ? "complete" : failed ? "failed" : "pending";
            return new ErasureStatus(
                    requestId,
                    s.profileId(),
                    s.reason(),
                    status,
                    s.requestedAt(),
                    s.completedAt(),
                    s.answers(),
                    waiting);
        });
    }

    /** Erases profiles inactive past the retention period, and prunes old event ids and tombstones. */
    @Scheduled(
            every = "${profile.retention.every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retention() {
        Instant now = clock.instant();
        return store.inactiveSince(
                        now.minus(config.retention().inactiveProfiles()),
                        config.retention().batch())
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String id : ids) {
                        chain = chain.call(
                                () -> erasePresent(id, "retention").onFailure().recoverWithNull());
                    }
                    return chain.invoke(() -> {
                        if (!ids.isEmpty()) {
                            LOG.infof("Retention erased %d inactive profiles", ids.size());
                        }
                    });
                })
                .call(() -> store.pruneBefore(now.minus(config.retention().eventIds())))
                .onFailure()
                .invoke(f -> LOG.warnf("Retention run failed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
