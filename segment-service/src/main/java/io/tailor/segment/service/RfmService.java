package io.tailor.segment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RfmModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the RFM boundaries current (method in {@link RfmModel}): computed from the profiles this service holds
 * when they are older than {@code segment.rfm.max-age} or enough profiles changed, shared through Redis so every
 * replica scores alike (one replica computes at a time; the others adopt the newer boundaries). When the boundaries
 * move, the segments that read scores are backfilled, as members may have entered or left without changing.
 */
@ApplicationScoped
public class RfmService {

    private static final Logger LOG = Logger.getLogger(RfmService.class);

    private final ProfileIndex index;
    private final MembershipStore store;
    private final ObjectMapper mapper;
    private final SegmentConfig.Rfm config;
    private final Clock clock;
    private final BackfillService backfills;
    private final SegmentCatalog catalog;
    private final String owner = UUID.randomUUID().toString();
    private volatile RfmModel model = RfmModel.EMPTY;
    private long changesSinceComputed;

    public RfmService(
            ProfileIndex index,
            MembershipStore store,
            ObjectMapper mapper,
            SegmentConfig config,
            Clock clock,
            BackfillService backfills,
            SegmentCatalog catalog) {
        this.index = index;
        this.store = store;
        this.mapper = mapper;
        this.config = config.rfm();
        this.clock = clock;
        this.backfills = backfills;
        this.catalog = catalog;
    }

    /** The boundaries in use. */
    public RfmModel model() {
        return model;
    }

    /** The scores of a profile with the boundaries in use. */
    public RuleInputs.Scores scores(ProfileSnapshot profile) {
        return model.scores(ProfileIndex.facts(profile));
    }

    @Scheduled(every = "${segment.rfm.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return refresh(false)
                .onFailure()
                .invoke(f -> LOG.warnf("RFM boundaries not refreshed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Adopts newer shared boundaries, or computes new ones when they are stale (or when {@code force}).
     *
     * @return the boundaries in use afterwards
     */
    public Uni<RfmModel> refresh(boolean force) {
        changesSinceComputed += index.takeChanges();
        return store.rfm().flatMap(shared -> {
            Optional<RfmModel> fromRedis = shared.flatMap(this::read);
            fromRedis.filter(m -> m.computedAt().isAfter(model.computedAt())).ifPresent(m -> model = m);
            Instant now = clock.instant();
            boolean old = Duration.between(model.computedAt(), now).compareTo(config.maxAge()) >= 0;
            boolean changed = changesSinceComputed >= config.minChanges()
                    && changesSinceComputed >= config.changedShare() * Math.max(1, index.size());
            if (!force && !old && !changed) {
                return Uni.createFrom().item(model);
            }
            return store.lockRfm(owner, Duration.ofSeconds(20)).flatMap(mine -> {
                if (!mine && !force) {
                    return Uni.createFrom().item(model);
                }
                return compute(now);
            });
        });
    }

    private Uni<RfmModel> compute(Instant now) {
        RfmModel previous = model;
        RfmModel fresh = RfmModel.compute(index.facts(), now);
        changesSinceComputed = 0;
        model = fresh;
        LOG.debugf("RFM boundaries recomputed from %d buyers", fresh.buyers());
        return store.saveRfm(write(fresh))
                .invoke(() -> {
                    if (!fresh.sameAs(previous)) {
                        catalog.profileSegments().stream()
                                .filter(s -> s.readsScores())
                                .forEach(s -> backfills.request(s.key(), "RFM boundaries changed"));
                    }
                })
                .replaceWith(fresh);
    }

    private Optional<RfmModel> read(String json) {
        try {
            return Optional.of(mapper.readValue(json, RfmModel.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring unreadable shared RFM boundaries: %s", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private String write(RfmModel m) {
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
