package io.tailor.segment.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.PersonalizationPolicy;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.repository.ProfileCopyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Fills the in-memory {@link ProfileIndex} at start from the stored profile copies (in the background; the service
 * is not ready until it is done) and keeps it current from every {@code profile-changes} message, which each
 * replica reads in full. When the index is loaded the RFM boundaries are made current, and only then does the
 * membership consumer start applying changes (so no RFM segment is decided with empty boundaries).
 */
@ApplicationScoped
public class ProfileIndexService {

    private static final Logger LOG = Logger.getLogger(ProfileIndexService.class);

    private final ProfileIndex index;
    private final ProfileCopyStore copies;
    private final RfmService rfm;
    private final SegmentConfig.Index config;
    private final Clock clock;
    private final PersonalizationPolicy consent;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public ProfileIndexService(
            ProfileIndex index,
            ProfileCopyStore copies,
            RfmService rfm,
            SegmentConfig config,
            Clock clock,
            PersonalizationPolicy consent) {
        this.index = index;
        this.copies = copies;
        this.rfm = rfm;
        this.config = config.index();
        this.clock = clock;
        this.consent = consent;
    }

    void start(@Observes StartupEvent started) {
        load(0);
    }

    private void load(int attempt) {
        Instant loadStarted = clock.instant();
        long t0 = System.nanoTime();
        copies.forEach(config.pageSize(), this::put)
                .flatMap(n -> copies.forEachChangedSince(
                                loadStarted.minus(config.catchUp()), config.pageSize(), this::put)
                        .replaceWith(n))
                .call(n -> rfm.refresh(false))
                .subscribe()
                .with(
                        n -> {
                            LOG.infof(
                                    "Loaded %d profiles into memory in %d ms", n, (System.nanoTime() - t0) / 1_000_000);
                            ready.complete(null);
                            catchUpLater(loadStarted);
                        },
                        failure -> {
                            LOG.warnf("Loading the profiles failed (attempt %d), retrying: %s", attempt + 1, failure);
                            Uni.createFrom()
                                    .voidItem()
                                    .onItem()
                                    .delayIt()
                                    .by(java.time.Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt, 5))))
                                    .subscribe()
                                    .with(x -> load(attempt + 1));
                        });
    }

    /**
     * Reads the profiles stored since the load once more, a while later: changes other replicas stored before this
     * replica's reader of profile-changes got its partitions.
     */
    private void catchUpLater(Instant loadStarted) {
        Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(config.secondCatchUpAfter())
                .flatMap(x ->
                        copies.forEachChangedSince(loadStarted.minus(config.catchUp()), config.pageSize(), this::put))
                .subscribe()
                .with(
                        n -> LOG.debugf("Caught up %d stored profiles", n),
                        f -> LOG.warnf("Catching up the stored profiles failed: %s", f.getMessage()));
    }

    /** Completes when the profiles are loaded and the RFM boundaries current. */
    public Uni<Void> ready() {
        return Uni.createFrom().completionStage(ready);
    }

    public boolean isReady() {
        return ready.isDone();
    }

    /** Holds a profile, unless its shopper refused personalization (then it leaves: it is in no segment). */
    private void put(io.tailor.contracts.profile.ProfileSnapshot profile) {
        if (consent.allows(profile)) {
            index.put(profile);
        } else {
            index.remove(profile.profileId());
        }
    }

    /**
     * Applies profile changes to the index (newer versions replace older; erased profiles, and those without
     * personalization consent, leave).
     */
    public void apply(List<ProfileChange> changes) {
        for (ProfileChange c : changes) {
            if (c.erased()) {
                index.remove(c.profileId());
            } else if (c.profile() != null) {
                put(c.profile());
            }
            if (c.mergedProfileIds() != null) {
                c.mergedProfileIds().forEach(index::remove);
            }
        }
    }
}
