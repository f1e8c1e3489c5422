package io.tailor.segment.cache;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.HotState;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment membership in Redis: per profile a hash of segment key to the time it entered (the contract other
 * services read, {@link HotState#memberships}), per segment a set of its members (its size), and a sorted set of
 * profiles due for time-based re-evaluation.
 */
@ApplicationScoped
public class MembershipStore {

    static final String MEMBERS = "segment:members:";
    static final String DUE = "segment:due";

    /** A profile's membership changes, applied together. */
    public record Update(String profileId, Map<String, Instant> entered, Collection<String> exited) {}

    private final Redis redis;

    public MembershipStore(Redis redis) {
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

    public Uni<Void> apply(List<Update> updates) {
        List<Request> requests = new ArrayList<>();
        for (Update u : updates) {
            String key = HotState.memberships(u.profileId());
            if (!u.entered().isEmpty()) {
                Request hset = Request.cmd(Command.HSET).arg(key);
                u.entered().forEach((segment, at) -> hset.arg(segment).arg(at.toEpochMilli()));
                requests.add(hset);
                u.entered()
                        .keySet()
                        .forEach(segment -> requests.add(
                                Request.cmd(Command.SADD).arg(MEMBERS + segment).arg(u.profileId())));
            }
            if (!u.exited().isEmpty()) {
                Request hdel = Request.cmd(Command.HDEL).arg(key);
                u.exited().forEach(hdel::arg);
                requests.add(hdel);
                u.exited()
                        .forEach(segment -> requests.add(
                                Request.cmd(Command.SREM).arg(MEMBERS + segment).arg(u.profileId())));
            }
        }
        return requests.isEmpty()
                ? Uni.createFrom().voidItem()
                : redis.batch(requests).replaceWithVoid();
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
                .map(r -> {
                    List<String> ids = new ArrayList<>();
                    if (r != null) {
                        r.forEach(item -> ids.add(item.toString()));
                    }
                    return ids;
                });
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
                .map(r -> {
                    List<String> ids = new ArrayList<>();
                    if (r != null) {
                        r.forEach(item -> ids.add(item.toString()));
                    }
                    return ids;
                });
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
