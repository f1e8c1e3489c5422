package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.domain.PersonalizationPolicy;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.SegmentEvaluator;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.messaging.SegmentChangesProducer;
import io.tailor.segment.repository.ProfileCopyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps segment membership current: evaluates every profile segment for each changed profile, applies the
 * difference to Redis, publishes an enter or exit event with the reason for each change actually made, keeps this
 * service's copy of the profile, and schedules the next time-based re-evaluation. Idempotent: evaluating the same
 * profile version twice changes nothing the second time.
 */
@ApplicationScoped
public class MembershipService {

    /** The reason of exits caused by erasure. */
    public static final String ERASED = "erased";

    private final SegmentCatalog catalog;
    private final SegmentEvaluator evaluator;
    private final MembershipStore memberships;
    private final ProfileCopyStore copies;
    private final SegmentChangesProducer producer;
    private final RfmService rfm;
    private final ProfileIndex index;
    private final Clock clock;
    private final PersonalizationPolicy consent;
    private final Timer evaluation;
    private final Counter evaluations;

    public MembershipService(
            SegmentCatalog catalog,
            SegmentEvaluator evaluator,
            MembershipStore memberships,
            ProfileCopyStore copies,
            SegmentChangesProducer producer,
            RfmService rfm,
            ProfileIndex index,
            Clock clock,
            PersonalizationPolicy consent,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.memberships = memberships;
        this.copies = copies;
        this.producer = producer;
        this.rfm = rfm;
        this.index = index;
        this.clock = clock;
        this.consent = consent;
        this.evaluation = registry.timer("tailor.segment.evaluation");
        this.evaluations = registry.counter("tailor.segment.rule.evaluations");
    }

    /** Applies profile changes (the newest version per profile; older ones than stored are ignored). */
    public Uni<Void> onProfileChanges(List<ProfileChange> changes) {
        Map<String, ProfileChange> latest = new LinkedHashMap<>();
        for (ProfileChange c : changes) {
            latest.merge(c.profileId(), c, (a, b) -> b.version() >= a.version() ? b : a);
        }
        Set<String> merged = new HashSet<>();
        latest.values().forEach(c -> merged.addAll(c.mergedProfileIds() == null ? List.of() : c.mergedProfileIds()));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return copies.versions(latest.keySet()).flatMap(stored -> {
            Map<String, ProfileSnapshot> fresh = new LinkedHashMap<>();
            Map<String, String> gone = new LinkedHashMap<>();
            merged.forEach(id -> gone.put(id, "merged into another profile"));
            for (ProfileChange c : latest.values()) {
                long known = stored.getOrDefault(c.profileId(), -1L);
                if (c.erased()) {
                    gone.put(c.profileId(), ERASED);
                } else if (c.version() >= known && c.profile() != null && !consent.allows(c.profile())) {
                    // segments are personalization: without consent the shopper is in none, and nothing is kept
                    gone.put(c.profileId(), PersonalizationPolicy.NO_CONSENT);
                } else if (c.version() >= known && c.profile() != null) {
                    fresh.put(c.profileId(), c.profile());
                }
            }
            fresh.keySet().forEach(gone::remove);
            return reevaluate(fresh, gone, "profile change");
        });
    }

    /** Re-evaluates profiles from the stored copies (time-based re-evaluation). */
    public Uni<Void> reevaluateStored(List<String> profileIds, String cause) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return copies.load(profileIds).flatMap(found -> {
            Map<String, ProfileSnapshot> allowed = new LinkedHashMap<>();
            Map<String, String> refused = new LinkedHashMap<>();
            found.forEach((id, p) -> {
                if (consent.allows(p)) {
                    allowed.put(id, p);
                } else {
                    refused.put(id, PersonalizationPolicy.NO_CONSENT);
                }
            });
            return reevaluate(allowed, refused, cause);
        });
    }

    /** Takes profiles out of every segment (erasure, merges): exits published with {@code reason}. */
    public Uni<Void> remove(Collection<String> profileIds, String reason) {
        Map<String, String> gone = new LinkedHashMap<>();
        profileIds.forEach(id -> gone.put(id, reason));
        return reevaluate(Map.of(), gone, reason);
    }

    private Uni<Void> reevaluate(Map<String, ProfileSnapshot> profiles, Map<String, String> gone, String cause) {
        Set<String> ids = new HashSet<>(profiles.keySet());
        ids.addAll(gone.keySet());
        // evaluation is CPU work: off the event loop, so the decide path's lookups stay fast
        return memberships
                .current(ids)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(current -> {
                    boolean unknown = current.values().stream()
                            .flatMap(m -> m.keySet().stream())
                            .anyMatch(key -> !catalog.known(key));
                    // a segment another replica just created is not known here yet: read the definitions again first
                    Uni<Void> ready =
                            unknown ? catalog.reload() : Uni.createFrom().voidItem();
                    return ready.flatMap(ignored -> apply(profiles, gone, cause, current));
                });
    }

    private Uni<Void> apply(
            Map<String, ProfileSnapshot> profiles,
            Map<String, String> gone,
            String cause,
            Map<String, Map<String, Instant>> current) {
        Instant now = clock.instant();
        List<MembershipStore.Update> updates = new ArrayList<>();
        Map<String, Map<String, String>> reasons = new HashMap<>();
        Map<String, Instant> due = new LinkedHashMap<>();
        for (Map.Entry<String, String> g : gone.entrySet()) {
            Map<String, Instant> was = current.getOrDefault(g.getKey(), Map.of());
            if (!was.isEmpty()) {
                updates.add(new MembershipStore.Update(g.getKey(), Map.of(), was.keySet()));
                Map<String, String> why = new HashMap<>();
                was.keySet().forEach(segment -> why.put(segment, g.getValue()));
                reasons.put(g.getKey(), why);
            }
        }
        List<SegmentRule> segments = catalog.profileSegments();
        List<ProfileIndex.Entry> entries = new ArrayList<>(profiles.size());
        for (ProfileSnapshot profile : profiles.values()) {
            long started = System.nanoTime();
            Message input = RuleInputs.profile(profile, rfm.scores(profile));
            // stored scores are replaced by the scores in use whenever the index is evaluated
            entries.add(new ProfileIndex.Entry(
                    profile.profileId(), profile.version(), input.toByteArray(), ProfileIndex.facts(profile)));
            SegmentEvaluator.Evaluation e = evaluator.evaluate(segments, input, now);
            evaluation.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            evaluations.increment(segments.size());
            Map<String, Instant> was = current.getOrDefault(profile.profileId(), Map.of());
            Map<String, Instant> entered = new LinkedHashMap<>();
            List<String> exited = new ArrayList<>();
            Map<String, String> why = new HashMap<>();
            for (SegmentRule s : segments) {
                boolean member = e.matches().contains(s.key());
                if (member && !was.containsKey(s.key())) {
                    entered.put(s.key(), now);
                    why.put(s.key(), evaluator.reason(s, input, true, cause));
                } else if (!member && was.containsKey(s.key())) {
                    exited.add(s.key());
                    why.put(s.key(), evaluator.reason(s, input, false, cause));
                }
            }
            for (String segment : was.keySet()) {
                if (catalog.get(segment).isEmpty()) {
                    // disabled, deleted, or now decided per request: its members leave
                    exited.add(segment);
                    why.put(segment, catalog.known(segment) ? "segment disabled or request-scoped" : "segment deleted");
                }
            }
            if (!entered.isEmpty() || !exited.isEmpty()) {
                updates.add(new MembershipStore.Update(profile.profileId(), entered, exited));
                reasons.put(profile.profileId(), why);
            }
            if (e.nextWakeUp() != null) {
                due.put(profile.profileId(), e.nextWakeUp());
            }
        }
        return memberships
                .apply(updates)
                .flatMap(applied -> producer.send(events(applied, reasons, now)))
                .call(() -> copies.upsert(profiles.values(), now))
                .call(() -> copies.delete(gone.keySet()))
                .invoke(() -> {
                    entries.forEach(index::put);
                    gone.keySet().forEach(index::remove);
                })
                .call(() -> gone.isEmpty() ? Uni.createFrom().voidItem() : memberships.forget(gone.keySet()))
                .call(() -> memberships.scheduleAt(due));
    }

    private List<SegmentChange> events(
            Map<String, MembershipStore.Applied> applied, Map<String, Map<String, String>> reasons, Instant now) {
        List<SegmentChange> events = new ArrayList<>();
        applied.forEach((profileId, a) -> {
            Map<String, String> why = reasons.getOrDefault(profileId, Map.of());
            a.entered()
                    .forEach(segment -> events.add(new SegmentChange(
                            profileId,
                            segment,
                            version(segment),
                            SegmentChange.Direction.ENTERED,
                            why.getOrDefault(segment, "entered"),
                            now)));
            a.exited()
                    .forEach(segment -> events.add(new SegmentChange(
                            profileId,
                            segment,
                            version(segment),
                            SegmentChange.Direction.EXITED,
                            why.getOrDefault(segment, "left"),
                            now)));
        });
        return events;
    }

    private int version(String segment) {
        return catalog.get(segment).map(SegmentRule::version).orElse(0);
    }
}
