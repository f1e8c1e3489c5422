package io.tailor.segment.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.segment.cache.MembershipStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Re-evaluates the profiles whose time-based memberships may have changed (a cart idle for N minutes): only those
 * due now, taken from a sorted set in Redis, never a scan of every profile.
 */
@ApplicationScoped
public class WakeUpScheduler {

    private static final Logger LOG = Logger.getLogger(WakeUpScheduler.class);
    private static final int BATCH = 500;

    private final MembershipStore memberships;
    private final MembershipService service;
    private final Clock clock;

    public WakeUpScheduler(MembershipStore memberships, MembershipService service, Clock clock) {
        this.memberships = memberships;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(every = "${segment.wake-up-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> wakeUp() {
        return memberships.takeDue(clock.instant(), BATCH).flatMap(due -> service.reevaluateStored(due, "time passed")
                .onFailure()
                .call(f -> {
                    LOG.warnf(
                            "Time-based re-evaluation of %d profiles failed, retrying soon: %s",
                            due.size(), f.getMessage());
                    java.util.Map<String, java.time.Instant> retry = new java.util.LinkedHashMap<>();
                    due.forEach(id -> retry.put(id, clock.instant().plusSeconds(30)));
                    return memberships.scheduleAt(retry);
                })
                .onFailure()
                .recoverWithNull());
    }
}
