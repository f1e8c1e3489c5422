package io.tailor.segment.cache;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.HotState;
import io.tailor.kit.redis.LoopLocal;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Segment membership in Redis: per profile a hash of segment key to the time it entered (the contract other
 * services read, {@link HotState#memberships}), per segment a set of its members (its size), and a sorted set of
 * profiles due for time-based re-evaluation. Changes are applied by scripts that report what they changed, so an
 * enter or exit is published once even when the live path and a backfill decide it at the same time.
 */
@ApplicationScoped
public class MembershipStore {

    /** Members asked for per SSCAN call. */
    static final int SCAN_PAGE = 1_000;

    static final String MEMBERS = "segment:members:";
    static final String DUE = "segment:due";
    static final String RFM = "segment:rfm";
    static final String RFM_LOCK = "segment:rfm:lock";

    /** One profile's changes: segments entered (with the time) and left. */
    public record Update(String profileId, Map<String, Instant> entered, Collection<String> exited) {}

    /** What a change actually did (an enter of a member, or an exit of a non-member, does nothing). */
    public record Applied(Set<String> entered, Set<String> exited) {

        public static final Applied NONE = new Applied(Set.of(), Set.of());
    }

    private static final String PROFILE_SCRIPT =
            """
            local entered, exited = {}, {}
            local n = tonumber(ARGV[2])
            local i = 3
            for _ = 1, n do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
                redis.call('SADD', 'segment:members:' .. ARGV[i], ARGV[1])
                entered[#entered + 1] = ARGV[i]
              end
              i = i + 2
            end
            while i <= #ARGV do
              if redis.call('HDEL', KEYS[1], ARGV[i]) == 1 then exited[#exited + 1] = ARGV[i] end
              redis.call('SREM', 'segment:members:' .. ARGV[i], ARGV[1])
              i = i + 1
            end
            return {entered, exited}
            """;

    private static final String SEGMENT_SCRIPT =
            """
            local entered, exited = {}, {}
            local n = tonumber(ARGV[3])
            local i = 4
            for _ = 1, n do
              if redis.call('HSETNX', 'segment:membership:' .. ARGV[i], ARGV[1], ARGV[2]) == 1 then
                redis.call('SADD', KEYS[1], ARGV[i])
                entered[#entered + 1] = ARGV[i]
              end
              i = i + 1
            end
            while i <= #ARGV do
              if redis.call('HDEL', 'segment:membership:' .. ARGV[i], ARGV[1]) == 1 then
                exited[#exited + 1] = ARGV[i]
              end
              redis.call('SREM', KEYS[1], ARGV[i])
              i = i + 1
            end
            return {entered, exited}
            """;

    /** KEYS[1] a segment's member set; ARGV profile ids. Returns those not in the set. */
    private static final String NON_MEMBERS_SCRIPT =
            """
            local out = {}
            for i = 1, #ARGV do
              if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then
                out[#out + 1] = ARGV[i]
              end
            end
            return out
            """;

    private final Redis redis;

    public MembershipStore(@LoopLocal Redis redis) {
        this.redis = redis;
    }

    /** The current memberships of each profile (segment key to entry time), in one pipelined round trip. */
    public Uni<Map<String, Map<String, Instant>>> current(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = List.copyOf(profileIds);
        List<Request> requests = ids.stream()
                .map(id -> Request.cmd(Command.HGETALL).arg(HotState.memberships(id)))
                .toList();
        return redis.batch(requests).map(responses -> {
            Map<String, Map<String, Instant>> result = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                result.put(ids.get(i), memberships(responses.get(i)));
            }
            return result;
        });
    }

    /** Applies each profile's changes (one pipelined round trip); returns what each actually changed. */
    public Uni<Map<String, Applied>> apply(List<Update> updates) {
        List<Update> real = updates.stream()
                .filter(u -> !u.entered().isEmpty() || !u.exited().isEmpty())
                .toList();
        if (real.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Request> requests = new ArrayList<>();
        for (Update u : real) {
            Request eval = Request.cmd(Command.EVAL)
                    .arg(PROFILE_SCRIPT)
                    .arg(1)
                    .arg(HotState.memberships(u.profileId()))
                    .arg(u.profileId())
                    .arg(u.entered().size());
            u.entered().forEach((segment, at) -> eval.arg(segment).arg(at.toEpochMilli()));
            u.exited().forEach(eval::arg);
            requests.add(eval);
        }
        return redis.batch(requests).map(responses -> {
            Map<String, Applied> applied = new LinkedHashMap<>();
            for (int i = 0; i < real.size(); i++) {
                applied.put(real.get(i).profileId(), applied(responses.get(i)));
            }
            return applied;
        });
    }

    /**
     * Applies one segment's changes for many profiles; returns the profiles that actually entered and left. Entering
     * a profile that is already a member changes nothing (it keeps its entry time).
     */
    public Uni<Applied> applySegment(String segment, Collection<String> enter, Collection<String> exit, Instant at) {
        if (enter.isEmpty() && exit.isEmpty()) {
            return Uni.createFrom().item(Applied.NONE);
        }
        Request eval = Request.cmd(Command.EVAL)
                .arg(SEGMENT_SCRIPT)
                .arg(1)
                .arg(MEMBERS + segment)
                .arg(segment)
                .arg(at.toEpochMilli())
                .arg(enter.size());
        enter.forEach(eval::arg);
        exit.forEach(eval::arg);
        return redis.send(eval).map(MembershipStore::applied);
    }

    /** How many profiles are in each segment. */
    public Uni<Map<String, Long>> sizes(Collection<String> segments) {
        List<String> keys = List.copyOf(segments);
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return redis.batch(keys.stream()
                        .map(s -> Request.cmd(Command.SCARD).arg(MEMBERS + s))
                        .toList())
                .map(responses -> {
                    Map<String, Long> sizes = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        sizes.put(keys.get(i), responses.get(i).toLong());
                    }
                    return sizes;
                });
    }

    /** Up to {@code limit} members of a segment. */
    public Uni<List<String>> members(String segment, int limit) {
        return redis.send(
                        Request.cmd(Command.SRANDMEMBER).arg(MEMBERS + segment).arg(limit))
                .map(MembershipStore::strings);
    }

    /**
     * Every member of a segment, a page of about {@value #SCAN_PAGE} at a time (SSCAN): SMEMBERS on a set of millions
     * keeps Redis, which every service reads on the decide path, busy for about a second, and the caller never holds
     * the whole set. A member present throughout is in some page; one added or removed meanwhile may or may not be,
     * and a member may come twice.
     */
    public Multi<List<String>> memberPages(String segment) {
        return Multi.createFrom().deferred(() -> {
            AtomicReference<String> cursor = new AtomicReference<>("0"); // each subscription scans from the start
            return Multi.createBy()
                    .repeating()
                    .uni(() -> redis.send(Request.cmd(Command.SSCAN)
                            .arg(MEMBERS + segment)
                            .arg(cursor.get())
                            .arg("COUNT")
                            .arg(SCAN_PAGE)))
                    .whilst(page -> {
                        cursor.set(page.get(0).toString());
                        return !"0".equals(cursor.get());
                    })
                    .map(page -> strings(page.get(1)));
        });
    }

    /** Those of {@code profileIds} that are not members of the segment, in one round trip. */
    public Uni<List<String>> nonMembers(String segment, List<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Request eval = Request.cmd(Command.EVAL).arg(NON_MEMBERS_SCRIPT).arg(1).arg(MEMBERS + segment);
        profileIds.forEach(eval::arg);
        return redis.send(eval).map(MembershipStore::strings);
    }

    /** When the profile entered the segment, if it is a member. */
    public Uni<Optional<Instant>> since(String profileId, String segment) {
        return redis.send(Request.cmd(Command.HGET)
                        .arg(HotState.memberships(profileId))
                        .arg(segment))
                .map(r -> r == null ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(r.toLong())));
    }

    /** Forgets a segment's member set (after every member left it). */
    public Uni<Void> dropSegment(String segment) {
        return redis.send(Request.cmd(Command.DEL).arg(MEMBERS + segment)).replaceWithVoid();
    }

    /** Asks for a profile to be re-evaluated at {@code at} (the earliest asked time wins). */
    public Uni<Void> scheduleAt(Map<String, Instant> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> requests = new ArrayList<>();
        due.forEach((profileId, at) -> requests.add(Request.cmd(Command.ZADD)
                .arg(DUE)
                .arg("LT")
                .arg(at.toEpochMilli())
                .arg(profileId)));
        return redis.batch(requests).replaceWithVoid();
    }

    /** When the profile is due for time-based re-evaluation, if it is. */
    public Uni<Optional<Instant>> dueAt(String profileId) {
        return redis.send(Request.cmd(Command.ZSCORE).arg(DUE).arg(profileId))
                .map(r -> r == null
                        ? Optional.<Instant>empty()
                        : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(r.toString()))));
    }

    /**
     * Takes up to {@code limit} profiles due by {@code now} off the schedule. A profile taken here and not
     * re-evaluated (a crash in between) is picked up again by its next change.
     */
    public Uni<List<String>> takeDue(Instant now, int limit) {
        String script =
                """
                local ids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, ARGV[2])
                if #ids > 0 then redis.call('ZREM', KEYS[1], unpack(ids)) end
                return ids
                """;
        return redis.send(Request.cmd(Command.EVAL)
                        .arg(script)
                        .arg(1)
                        .arg(DUE)
                        .arg(now.toEpochMilli())
                        .arg(limit))
                .map(MembershipStore::strings);
    }

    /** Forgets a profile entirely: its memberships, its place in every segment and in the schedule. */
    public Uni<Void> forget(String profileId, Collection<String> segments) {
        List<Request> requests = new ArrayList<>();
        requests.add(Request.cmd(Command.DEL).arg(HotState.memberships(profileId)));
        segments.forEach(
                s -> requests.add(Request.cmd(Command.SREM).arg(MEMBERS + s).arg(profileId)));
        requests.add(Request.cmd(Command.ZREM).arg(DUE).arg(profileId));
        return redis.batch(requests).replaceWithVoid();
    }

    /** Forgets profiles that left every segment: their membership hashes and their places in the schedule. */
    public Uni<Void> forget(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> requests = new ArrayList<>();
        for (String id : profileIds) {
            requests.add(Request.cmd(Command.DEL).arg(HotState.memberships(id)));
            requests.add(Request.cmd(Command.ZREM).arg(DUE).arg(id));
        }
        return redis.batch(requests).replaceWithVoid();
    }

    /** The RFM boundaries shared by the replicas (JSON), if any replica computed them. */
    public Uni<Optional<String>> rfm() {
        return redis.send(Request.cmd(Command.GET).arg(RFM))
                .map(r -> Optional.ofNullable(r == null ? null : r.toString()));
    }

    public Uni<Void> saveRfm(String json) {
        return redis.send(Request.cmd(Command.SET).arg(RFM).arg(json)).replaceWithVoid();
    }

    /** Whether this replica may compute the RFM boundaries now (one replica at a time). */
    public Uni<Boolean> lockRfm(String owner, Duration hold) {
        return redis.send(Request.cmd(Command.SET)
                        .arg(RFM_LOCK)
                        .arg(owner)
                        .arg("NX")
                        .arg("PX")
                        .arg(hold.toMillis()))
                .map(r -> r != null && "OK".equals(r.toString()));
    }

    private static Applied applied(Response r) {
        if (r == null || r.size() < 2) {
            return Applied.NONE;
        }
        return new Applied(new LinkedHashSet<>(strings(r.get(0))), new LinkedHashSet<>(strings(r.get(1))));
    }

    private static List<String> strings(Response r) {
        List<String> values = new ArrayList<>();
        if (r != null) {
            r.forEach(item -> values.add(item.toString()));
        }
        return values;
    }

    private static Map<String, Instant> memberships(Response hash) {
        Map<String, Instant> result = new LinkedHashMap<>();
        if (hash == null) {
            return result;
        }
        for (String segment : hash.getKeys()) {
            try {
                result.put(
                        segment,
                        Instant.ofEpochMilli(Long.parseLong(hash.get(segment).toString())));
            } catch (NumberFormatException e) {
                result.put(segment, Instant.EPOCH);
            }
        }
        return result;
    }
}
