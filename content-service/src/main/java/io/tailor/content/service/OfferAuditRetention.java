package io.tailor.content.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.content.config.OffersConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes offer audit rows older than {@code content.offers.audit-retention} (400 days by default). Every recorded
 * offer decision adds a row per priced product, so without this the log grows for ever. Rows go in batches, each its
 * own short statement, so a large backlog never holds long locks; replicas may run it at the same time.
 */
@ApplicationScoped
public class OfferAuditRetention {

    private static final Logger LOG = Logger.getLogger(OfferAuditRetention.class);

    static final int BATCH = 5_000;
    /** At most this many batches a run; a larger backlog continues at the next run. */
    static final int MAX_BATCHES = 200;

    private static final String DELETE = "DELETE FROM offer_audit WHERE id IN"
            + " (SELECT id FROM offer_audit WHERE shown_at < $1 LIMIT " + BATCH + ")";

    private final Pool pool;
    private final OffersConfig config;
    private final Clock clock;
    private final Counter pruned;

    public OfferAuditRetention(Pool pool, OffersConfig config, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.pruned = Counter.builder("tailor.content.offer.audit.pruned")
                .description("Offer audit rows deleted after the retention period")
                .register(registry);
    }

    @Scheduled(
            every = "${content.offers.audit-prune-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune(clock.instant())
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Deleted %d offer audit rows older than %s", count, config.auditRetention());
                    }
                })
                .onFailure()
                .invoke(e -> LOG.warnf("Offer audit retention failed; the next run retries: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes rows shown before {@code now} minus the retention; the number deleted. */
    public Uni<Long> prune(Instant now) {
        return batch(now.minus(config.auditRetention()), 0, 0);
    }

    private Uni<Long> batch(Instant before, int batches, long deleted) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> {
                    int count = rows.rowCount();
                    pruned.increment(count);
                    long total = deleted + count;
                    return count == BATCH && batches + 1 < MAX_BATCHES
                            ? batch(before, batches + 1, total)
                            : Uni.createFrom().item(total);
                });
    }
}
