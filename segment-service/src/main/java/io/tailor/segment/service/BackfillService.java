package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.config.EvaluationPool;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RuleScan;
import io.tailor.segment.domain.SegmentEvaluator;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.messaging.SegmentChangesProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Brings one segment's membership in line with its current definition over every stored profile: after it is
 * created, edited, enabled, disabled or deleted, and when the RFM boundaries move. Runs in the background, one
 * backfill at a time; a newer request for the same segment supersedes a running one. The rule is evaluated over the
 * in-memory profiles (what previews count, so a preview's number is the membership after the backfill); the
 * difference is applied in pages, each page publishing its enter and exit events: first the current members that no
 * longer match, read from Redis a page at a time, then the matching profiles that are not members yet. Each is asked
 * again against the index as it is at that moment, since live changes go on meanwhile (which leaves a window of one
 * Redis round trip per page). Besides the index, a backfill holds the matching profile ids and the wake-ups of
 * time-based rules, never the current member set. A backfill superseded by a newer request for the same segment
 * stops at its next page.
 */
@ApplicationScoped
public class BackfillService {

    private static final Logger LOG = Logger.getLogger(BackfillService.class);

    /** Wake-ups of time-based rules scheduled per round trip. */
    private static final int SCHEDULE_PAGE = 1_000;

    /** The state of a segment's latest backfill on this replica. */
    public record Status(
            String state, Instant requestedAt, Instant finishedAt, String cause, long entered, long exited) {}

    private final SegmentCatalog catalog;
    private final ProfileIndex index;
    private final RuleEngine engine;
    private final MembershipStore store;
    private final SegmentChangesProducer producer;
    private final RfmService rfm;
    private final ForkJoinPool pool;
    private final Clock clock;
    private final int pageSize;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private CompletionStage<Void> queue = CompletableFuture.completedFuture(null);

    public BackfillService(
            SegmentCatalog catalog,
            ProfileIndex index,
            RuleEngine engine,
            MembershipStore store,
            SegmentChangesProducer producer,
            RfmService rfm,
            EvaluationPool pool,
            Clock clock,
            SegmentConfig config) {
        this.catalog = catalog;
        this.index = index;
        this.engine = engine;
        this.store = store;
        this.producer = producer;
        this.rfm = rfm;
        this.pool = pool.pool();
        this.clock = clock;
        this.pageSize = config.backfill().pageSize();
    }

    /** Queues a backfill of the segment (its definition as the catalog holds it when the backfill starts). */
    public synchronized CompletionStage<Void> request(String key, String cause) {
        long generation =
                generations.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        Instant requested = clock.instant();
        statuses.put(key, new Status("queued", requested, null, cause, 0, 0));
        queue = queue.handle((ok, failure) -> null).thenCompose(ignored -> run(key, cause, generation, requested)
                .onFailure()
                .invoke(f -> {
                    LOG.errorf(f, "Backfill of segment %s failed", key);
                    statuses.put(key, new Status("failed", requested, clock.instant(), cause, 0, 0));
                })
                .onFailure()
                .recoverWithNull()
                .subscribeAsCompletionStage());
        return queue;
    }

    /** The latest backfill of a segment on this replica. */
    public Optional<Status> status(String key) {
        return Optional.ofNullable(statuses.get(key));
    }

    private boolean stale(String key, long generation) {
        return generations.get(key).get() != generation;
    }

    private Uni<Void> run(String key, String cause, long generation, Instant requested) {
        if (stale(key, generation)) {
            return Uni.createFrom().voidItem();
        }
        statuses.put(key, new Status("running", requested, null, cause, 0, 0));
        Optional<SegmentRule> live = catalog.get(key).filter(s -> !s.requestScoped());
        Instant now = clock.instant();
        Uni<RuleScan.Result> scan = live.isEmpty()
                ? Uni.createFrom().item(new RuleScan.Result(0, 0, 0, null, List.of(), Set.of(), Map.of()))
                : Uni.createFrom()
                        .item(() -> RuleScan.run(
                                engine, live.get(), index.snapshot(), rfm.model(), null, now, 0, true, pool))
                        .runSubscriptionOn(pool);
        return scan.flatMap(result -> {
            String why = live.isEmpty()
                    ? (catalog.known(key) ? "segment disabled" : "segment deleted")
                    : "backfill after " + cause;
            Progress progress = new Progress(key, live, why, generation, requested, cause);
            return exits(progress, result.members())
                    .call(() -> enters(progress, result.members()))
                    .invoke(progress::done)
                    .call(() -> schedule(result.wakeUps()))
                    .call(() -> live.isEmpty() && !catalog.known(key) && !stale(key, generation)
                            ? store.dropSegment(key)
                            : Uni.createFrom().voidItem());
        });
    }

    /**
     * Removes the current members that no longer match, reading the member set a page at a time. A member the scan
     * did not select is asked again against the index as it is now: it may have entered live, from a newer profile,
     * after the scan (a member read twice is simply not a member the second time).
     */
    private Uni<Void> exits(Progress progress, Set<String> members) {
        return store.memberPages(progress.key)
                .select()
                .first(page -> !progress.superseded())
                .onItem()
                .transformToUniAndConcatenate(page -> evaluated(() -> page.stream()
                        .filter(id -> !members.contains(id) && !progress.matchesNow(id))
                        .toList()))
                .onItem()
                .transformToMultiAndConcatenate(exit ->
                        Multi.createFrom().iterable(exit).group().intoLists().of(pageSize))
                .onItem()
                .transformToUniAndConcatenate(exit -> progress.step(Map.of(), exit))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Enters the profiles the scan selected that are not members yet, a page at a time, each asked again against the
     * index as it is now (it may have left live, from a newer profile, after the scan).
     */
    private Uni<Void> enters(Progress progress, Set<String> members) {
        return Multi.createFrom()
                .iterable(members)
                .group()
                .intoLists()
                .of(pageSize)
                .select()
                .first(page -> !progress.superseded())
                .onItem()
                .transformToUniAndConcatenate(page -> store.nonMembers(progress.key, page)
                        .flatMap(candidates -> evaluated(() -> progress.entering(candidates)))
                        .flatMap(enter -> progress.step(enter, List.of())))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Rule evaluations run on the evaluation pool, not on the event loop that delivered the page. */
    private <T> Uni<T> evaluated(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(pool);
    }

    /** Schedules the wake-ups of time-based rules, a page at a time. */
    private Uni<Void> schedule(Map<String, Instant> wakeUps) {
        return Multi.createFrom()
                .iterable(wakeUps.entrySet())
                .group()
                .intoLists()
                .of(SCHEDULE_PAGE)
                .onItem()
                .transformToUniAndConcatenate(page -> {
                    Map<String, Instant> due = new LinkedHashMap<>();
                    page.forEach(e -> due.put(e.getKey(), e.getValue()));
                    return store.scheduleAt(due);
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** One backfill's counts, and a step of it: apply a page of changes and publish what actually changed. */
    private final class Progress {
        private final String key;
        private final Optional<SegmentRule> live;
        private final String why;
        private final long generation;
        private final Instant requested;
        private final String cause;
        private final AtomicLong entered = new AtomicLong();
        private final AtomicLong exited = new AtomicLong();

        Progress(String key, Optional<SegmentRule> live, String why, long generation, Instant requested, String cause) {
            this.key = key;
            this.live = live;
            this.why = why;
            this.generation = generation;
            this.requested = requested;
            this.cause = cause;
        }

        /** Whether the profile matches the segment's rule as the index holds it now (never, for a segment gone). */
        boolean matchesNow(String profileId) {
            return projectedNow(profileId).filter(this::matches).isPresent();
        }

        /** The profile as the segment's rule reads it, from the index as it is now; empty for a segment gone. */
        private Optional<Message> projectedNow(String profileId) {
            return live.flatMap(s -> index.get(profileId)
                    .map(e -> s.projection().profile(e.input(), rfm.model().scores(e.facts()))));
        }

        private boolean matches(Message profile) {
            return engine.evaluate(live.orElseThrow().rule(), profile, null, clock.instant())
                    .matches();
        }

        /** Whether a newer backfill of the segment was requested: this one stops. */
        boolean superseded() {
            return stale(key, generation);
        }

        /** Those of the candidates that match now, each with the reason its enter event gives. */
        Map<String, String> entering(List<String> candidates) {
            Map<String, String> reasons = new LinkedHashMap<>();
            for (String id : candidates) {
                projectedNow(id)
                        .filter(this::matches)
                        .ifPresent(profile -> reasons.put(id, enterReason(live.orElseThrow(), profile, why)));
            }
            return reasons;
        }

        /** Applies a page: the profiles to enter (with their reasons) and to remove; publishes what changed. */
        Uni<Void> step(Map<String, String> enter, List<String> exit) {
            if (superseded() || (enter.isEmpty() && exit.isEmpty())) {
                return Uni.createFrom().voidItem();
            }
            Instant at = clock.instant();
            return store.applySegment(key, enter.keySet(), exit, at).flatMap(applied -> {
                entered.addAndGet(applied.entered().size());
                exited.addAndGet(applied.exited().size());
                List<SegmentChange> events = new ArrayList<>();
                int version = live.map(SegmentRule::version).orElse(0);
                for (String id : applied.entered()) {
                    events.add(new SegmentChange(id, key, version, SegmentChange.Direction.ENTERED, enter.get(id), at));
                }
                for (String id : applied.exited()) {
                    events.add(new SegmentChange(
                            id, key, version, SegmentChange.Direction.EXITED, exitReason(live, why), at));
                }
                statuses.put(key, new Status("running", requested, null, cause, entered.get(), exited.get()));
                return producer.send(events);
            });
        }

        void done() {
            if (!superseded()) {
                statuses.put(key, new Status("done", requested, clock.instant(), cause, entered.get(), exited.get()));
                LOG.infof("Backfill of segment %s (%s): %d entered, %d left", key, cause, entered.get(), exited.get());
            }
        }
    }

    private static String enterReason(SegmentRule s, Message profile, String why) {
        Map<String, Object> values = SegmentEvaluator.values(s.rule(), profile, null);
        return "matches " + s.rule().source() + (values.isEmpty() ? "" : " with " + text(values)) + " (" + why + ")";
    }

    private static String exitReason(Optional<SegmentRule> live, String why) {
        return live.map(s -> "no longer matches " + s.rule().source() + " (" + why + ")")
                .orElse(why);
    }

    private static String text(Map<String, Object> values) {
        Map<String, Object> shown = new LinkedHashMap<>(values);
        List<String> parts = new ArrayList<>();
        shown.forEach((k, v) -> parts.add(k + "=" + v));
        String joined = String.join(", ", parts);
        return joined.length() > 500 ? joined.substring(0, 499) + "…" : joined;
    }
}
