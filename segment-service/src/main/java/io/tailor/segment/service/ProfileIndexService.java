package io.tailor.segment.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.segment.config.SegmentConfig;
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
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public ProfileIndexService(
            ProfileIndex index, ProfileCopyStore copies, RfmService rfm, SegmentConfig config, Clock clock) {
        this.index = index;
        this.copies = copies;
        this.rfm = rfm;
        this.config = config.index();
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        load(0);
    }

    private void load(int attempt) {
        Instant loadStarted = clock.instant();
        long t0 = System.nanoTime();
        copies.forEach(config.pageSize(), index::put)
                .flatMap(n -> copies.forEachChangedSince(
                                loadStarted.minus(config.catchUp()), config.pageSize(), index::put)
                        .replaceWith(n))
                .call(n -> rfm.refresh(false))
                .subscribe()
                .with(
                        n -> {
                            LOG.infof(
                                    "Loaded %d profiles into memory in %d ms",
                                    n, (System.nanoTime() - t0) / 1_000_000);
                            ready.complete(null);
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

    /** Completes when the profiles are loaded and the RFM boundaries current. */
    public Uni<Void> ready() {
        return Uni.createFrom().completionStage(ready);
    }

    public boolean isReady() {
        return ready.isDone();
    }

    /** Applies profile changes to the index (newer versions replace older; erased profiles leave). */
    public void apply(List<ProfileChange> changes) {
        for (ProfileChange c : changes) {
            if (c.erased()) {
                index.remove(c.profileId());
            } else if (c.profile() != null) {
                index.put(c.profile());
            }
            if (c.mergedProfileIds() != null) {
                c.mergedProfileIds().forEach(index::remove);
            }
        }
    }
}
