package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.messaging.SegmentChangesProducer;
import io.tailor.segment.repository.ProfileCopyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps segment membership current: evaluates every profile segment for each changed profile, applies the
 * difference to Redis, publishes an enter or exit event with the reason for each, keeps this service's copy of the
 * profile, and schedules the next time-based re-evaluation. Idempotent: evaluating the same profile version twice
 * changes nothing the second time.
 */
@ApplicationScoped
public class MembershipService {

    private final SegmentCatalog catalog;
    private final RuleEngine engine;
    private final MembershipStore memberships;
    private final ProfileCopyStore copies;
    private final SegmentChangesProducer producer;
    private final Clock clock;
    private final Timer evaluation;

    public MembershipService(
            SegmentCatalog catalog,
            RuleEngine engine,
            MembershipStore memberships,
            ProfileCopyStore copies,
            SegmentChangesProducer producer,
            Clock clock,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.engine = engine;
        this.memberships = memberships;
        this.copies = copies;
        this.producer = producer;
        this.clock = clock;
        this.evaluation = registry.timer("tailor.segment.evaluation");
    }

    /** Applies profile changes (the newest version per profile; older ones than stored are ignored). */
    public Uni<Void> onProfileChanges(List<ProfileChange> changes) {
        Map<String, ProfileChange> latest = new LinkedHashMap<>();
        for (ProfileChange c : changes) {
            latest.merge(c.profileId(), c, (a, b) -> b.version() >= a.version() ? b : a);
        }
        Set<String> merged = new HashSet<>();
        latest.values().forEach(c -> merged.addAll(c.mergedProfileIds() == null ? List.of() : c.mergedProfileIds()));
        return copies.versions(latest.keySet()).flatMap(stored -> {
            Map<String, ProfileSnapshot> fresh = new LinkedHashMap<>();
            Set<String> erased = new HashSet<>(merged);
            for (ProfileChange c : latest.values()) {
                long known = stored.getOrDefault(c.profileId(), -1L);
                if (c.erased()) {
                    erased.add(c.profileId());
                } else if (c.version() >= known) {
                    fresh.put(c.profileId(), c.profile());
                }
            }
            return reevaluate(fresh, erased, "profile change");
        });
    }

    /** Re-evaluates profiles from the stored copies (time-based re-evaluation, segment edits). */
    public Uni<Void> reevaluateStored(List<String> profileIds, String cause) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return copies.load(profileIds).flatMap(found -> reevaluate(found, Set.of(), cause));
    }

    private Uni<Void> reevaluate(Map<String, ProfileSnapshot> profiles, Set<String> erased, String cause) {
        Set<String> ids = new HashSet<>(profiles.keySet());
        ids.addAll(erased);
        Instant now = clock.instant();
        return memberships.current(ids).flatMap(current -> {
            List<MembershipStore.Update> updates = new ArrayList<>();
            List<SegmentChange> events = new ArrayList<>();
            Map<String, Instant> due = new LinkedHashMap<>();
            for (String id : erased) {
                Map<String, Instant> was = current.getOrDefault(id, Map.of());
                if (!was.isEmpty()) {
                    updates.add(new MembershipStore.Update(id, Map.of(), was.keySet()));
                    was.keySet()
                            .forEach(segment -> events.add(new SegmentChange(
                                    id,
                                    segment,
                                    version(segment),
                                    SegmentChange.Direction.EXITED,
                                    "profile merged or erased",
                                    now)));
                }
            }
            for (ProfileSnapshot profile : profiles.values()) {
                Evaluation e = evaluate(profile, now);
                Map<String, Instant> was = current.getOrDefault(profile.profileId(), Map.of());
                Map<String, Instant> entered = new LinkedHashMap<>();
                List<String> exited = new ArrayList<>();
                for (SegmentCatalog.Live s : catalog.profileSegments()) {
                    boolean member = e.matches().contains(s.key());
                    if (member && !was.containsKey(s.key())) {
                        entered.put(s.key(), now);
                        events.add(new SegmentChange(
                                profile.profileId(),
                                s.key(),
                                s.version(),
                                SegmentChange.Direction.ENTERED,
                                "matches " + s.rule().source() + " (" + cause + ")",
                                now));
                    } else if (!member && was.containsKey(s.key())) {
                        exited.add(s.key());
                        events.add(new SegmentChange(
                                profile.profileId(),
                                s.key(),
                                s.version(),
                                SegmentChange.Direction.EXITED,
                                "no longer matches " + s.rule().source() + " (" + cause + ")",
                                now));
                    }
                }
                for (String gone : was.keySet()) {
                    if (catalog.get(gone).isEmpty()) {
                        exited.add(gone);
                        events.add(new SegmentChange(
                                profile.profileId(),
                                gone,
                                0,
                                SegmentChange.Direction.EXITED,
                                "segment disabled or deleted",
                                now));
                    }
                }
                if (!entered.isEmpty() || !exited.isEmpty()) {
                    updates.add(new MembershipStore.Update(profile.profileId(), entered, exited));
                }
                if (e.nextWakeUp() != null) {
                    due.put(profile.profileId(), e.nextWakeUp());
                }
            }
            return memberships
                    .apply(updates)
                    .call(() -> producer.send(events))
                    .call(() -> copies.upsert(profiles.values(), now))
                    .call(() -> copies.delete(erased))
                    .call(() -> memberships.scheduleAt(due));
        });
    }

    /** Which profile segments a profile matches now, and when it should next be looked at. */
    public record Evaluation(Set<String> matches, Map<String, String> errors, Instant nextWakeUp) {}

    public Evaluation evaluate(ProfileSnapshot profile, Instant now) {
        long started = System.nanoTime();
        Message input = RuleInputs.profile(profile, RuleInputs.Scores.NONE);
        Set<String> matches = new HashSet<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Instant next = null;
        for (SegmentCatalog.Live s : catalog.profileSegments()) {
            RuleEngine.Outcome outcome = engine.evaluate(s.rule(), input, null, now);
            if (outcome.matches()) {
                matches.add(s.key());
            }
            if (outcome.error() != null) {
                errors.put(s.key(), outcome.error());
            }
            if (s.wakeUp() != null) {
                for (Instant at : engine.wakeUps(s.wakeUp(), input, now)) {
                    if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                        next = at;
                    }
                }
            }
        }
        evaluation.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Evaluation(matches, errors, next);
    }

    private int version(String segment) {
        return catalog.get(segment).map(SegmentCatalog.Live::version).orElse(0);
    }
}
