package io.tailor.segment.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.config.EvaluationPool;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RuleScan;
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
import org.jboss.logging.Logger;

/**
 * Brings one segment's membership in line with its current definition over every stored profile: after it is
 * created, edited, enabled, disabled or deleted, and when the RFM boundaries move. Runs in the background, one
 * backfill at a time; a newer request for the same segment supersedes a running one. The rule is evaluated over the
 * in-memory profiles (what previews count, so a preview's number is the membership after the backfill); the
 * difference is applied in pages, each page publishing its enter and exit events.
 */
@ApplicationScoped
public class BackfillService {

    private static final Logger LOG = Logger.getLogger(BackfillService.class);

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
        return store.members(key).flatMap(current -> {
            Uni<RuleScan.Result> scan = live.isEmpty()
                    ? Uni.createFrom().item(new RuleScan.Result(0, 0, 0, null, List.of(), Set.of(), Map.of()))
                    : Uni.createFrom()
                            .item(() -> RuleScan.run(
                                    engine, live.get(), index.snapshot(), rfm.model(), null, now, 0, true, pool))
                            .runSubscriptionOn(pool);
            return scan.flatMap(result -> {
                Set<String> members = result.members();
                List<String> enter =
                        members.stream().filter(id -> !current.contains(id)).toList();
                List<String> exit =
                        current.stream().filter(id -> !members.contains(id)).toList();
                String why = live.isEmpty()
                        ? (catalog.known(key) ? "segment disabled" : "segment deleted")
                        : "backfill after " + cause;
                return applyPages(key, live, enter, exit, why, generation, requested, cause)
                        .call(() -> store.scheduleAt(result.wakeUps()))
                        .call(() -> live.isEmpty() && !catalog.known(key) && !stale(key, generation)
                                ? store.dropSegment(key)
                                : Uni.createFrom().voidItem());
            });
        });
    }

    private Uni<Void> applyPages(
            String key,
            Optional<SegmentRule> live,
            List<String> enter,
            List<String> exit,
            String why,
            long generation,
            Instant requested,
            String cause) {
        List<List<String>> enterPages = pages(enter);
        List<List<String>> exitPages = pages(exit);
        AtomicLong entered = new AtomicLong();
        AtomicLong exited = new AtomicLong();
        int steps = Math.max(enterPages.size(), exitPages.size());
        return Multi.createFrom()
                .range(0, steps)
                .onItem()
                .transformToUniAndConcatenate(i -> {
                    if (stale(key, generation)) {
                        return Uni.createFrom().voidItem();
                    }
                    List<String> in = i < enterPages.size() ? enterPages.get(i) : List.of();
                    List<String> out = i < exitPages.size() ? exitPages.get(i) : List.of();
                    Instant at = clock.instant();
                    return store.applySegment(key, in, out, at).flatMap(applied -> {
                        entered.addAndGet(applied.entered().size());
                        exited.addAndGet(applied.exited().size());
                        List<SegmentChange> events = new ArrayList<>();
                        int version = live.map(SegmentRule::version).orElse(0);
                        for (String id : applied.entered()) {
                            events.add(new SegmentChange(
                                    id, key, version, SegmentChange.Direction.ENTERED, enterReason(live, id, why), at));
                        }
                        for (String id : applied.exited()) {
                            events.add(new SegmentChange(
                                    id, key, version, SegmentChange.Direction.EXITED, exitReason(live, why), at));
                        }
                        statuses.put(key, new Status("running", requested, null, cause, entered.get(), exited.get()));
                        return producer.send(events);
                    });
                })
                .collect()
                .last()
                .invoke(() -> {
                    if (!stale(key, generation)) {
                        statuses.put(
                                key,
                                new Status("done", requested, clock.instant(), cause, entered.get(), exited.get()));
                        LOG.infof(
                                "Backfill of segment %s (%s): %d entered, %d left",
                                key, cause, entered.get(), exited.get());
                    }
                })
                .replaceWithVoid();
    }

    private String enterReason(Optional<SegmentRule> live, String profileId, String why) {
        return live.map(s -> {
                    Map<String, Object> values = index.get(profileId)
                            .map(e -> io.tailor.segment.domain.SegmentEvaluator.values(
                                    s.rule(),
                                    s.projection()
                                            .profile(e.input(), rfm.model().scores(e.facts())),
                                    null))
                            .orElse(Map.of());
                    return "matches " + s.rule().source() + (values.isEmpty() ? "" : " with " + text(values)) + " ("
                            + why + ")";
                })
                .orElse(why);
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

    private List<List<String>> pages(List<String> ids) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += pageSize) {
            pages.add(ids.subList(i, Math.min(ids.size(), i + pageSize)));
        }
        return pages;
    }
}
