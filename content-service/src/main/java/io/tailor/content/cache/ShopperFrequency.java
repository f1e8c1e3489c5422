package io.tailor.content.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;
import io.tailor.content.model.CapState;
import io.tailor.content.model.FrequencyCap;
import io.tailor.kit.redis.LoopLocal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-shopper show counts and dismissals of capped slots, in Redis with a TTL on every key:
 * {@code content:freq:<shopper>:<slot>} (hash: session shows and end, dismissed variants until when),
 * {@code content:shows:<shopper>:<slot>} (sorted set of show times, the rolling window) and
 * {@code content:freq-slots:<shopper>} (the slots holding state for the shopper, for erasure). The shopper id is
 * the customer id when known, else the anonymous id.
 */
@ApplicationScoped
public class ShopperFrequency {

    /** The longest any per-shopper key lives (the index outlives the state it lists). */
    static final Duration INDEX_TTL = Duration.ofDays(366);

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSortedSetCommands<String, String> shows;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;

    public ShopperFrequency(@LoopLocal ReactiveRedisDataSource redis) {
        this.hashes = redis.hash(String.class);
        this.shows = redis.sortedSet(String.class);
        this.sets = redis.set(String.class);
        this.keys = redis.key();
    }

    static String stateKey(String shopper, String slot) {
        return "content:freq:" + shopper + ":" + slot;
    }

    static String showsKey(String shopper, String slot) {
        return "content:shows:" + shopper + ":" + slot;
    }

    static String indexKey(String shopper) {
        return "content:freq-slots:" + shopper;
    }

    /** The state of each of {@code slots} (slot key to its cap) for the shopper at {@code now}. */
    public Uni<Map<String, CapState>> read(String shopper, Map<String, FrequencyCap> slots, Instant now) {
        if (slots.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> order = new ArrayList<>(slots.keySet());
        List<Uni<CapState>> reads = order.stream()
                .map(slot -> {
                    FrequencyCap cap = slots.get(slot);
                    Uni<Long> window = cap.windowDays() == null
                            ? Uni.createFrom().item(0L)
                            : shows.zcount(
                                    showsKey(shopper, slot),
                                    new ScoreRange<>(
                                            (double) now.minus(Duration.ofDays(cap.windowDays()))
                                                    .toEpochMilli(),
                                            Double.POSITIVE_INFINITY));
                    return Uni.combine()
                            .all()
                            .unis(hashes.hgetall(stateKey(shopper, slot)), window)
                            .with(CapState::of);
                })
                .toList();
        return Uni.join().all(reads).andFailFast().map(states -> {
            Map<String, CapState> byKey = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                byKey.put(order.get(i), states.get(i));
            }
            return byKey;
        });
    }

    /** Counts one show of {@code slot}, whose state before it was {@code before}. */
    public Uni<Void> shown(String shopper, String slot, FrequencyCap cap, CapState before, Instant now) {
        CapState after = before.shown(now);
        String state = stateKey(shopper, slot);
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(hashes.hset(
                        state,
                        Map.of(
                                CapState.SESSION_SHOWS,
                                Integer.toString(after.sessionShows()),
                                CapState.SESSION_END,
                                Long.toString(after.sessionEnd().toEpochMilli())))
                .call(() -> keys.pexpire(state, CapState.ttl(cap)))
                .replaceWithVoid());
        if (cap.windowDays() != null) {
            String window = showsKey(shopper, slot);
            writes.add(shows.zadd(window, now.toEpochMilli(), now.toEpochMilli() + "-" + UUID.randomUUID())
                    .call(() -> shows.zremrangebyscore(window, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double)
                            now.minus(Duration.ofDays(cap.windowDays())).toEpochMilli())))
                    .call(() -> keys.pexpire(window, Duration.ofDays(cap.windowDays())))
                    .replaceWithVoid());
        }
        writes.add(index(shopper, slot));
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** Hides {@code variant} of {@code slot} from the shopper for the cap's dismissal period. */
    public Uni<Instant> dismiss(String shopper, String slot, String variant, FrequencyCap cap, Instant now) {
        Instant until = now.plus(Duration.ofDays(cap.dismissDaysOrDefault()));
        String state = stateKey(shopper, slot);
        return hashes.hset(state, CapState.DISMISSED_PREFIX + variant, Long.toString(until.toEpochMilli()))
                .call(() -> keys.pexpire(state, CapState.ttl(cap)))
                .call(() -> index(shopper, slot))
                .replaceWith(until);
    }

    private Uni<Void> index(String shopper, String slot) {
        String index = indexKey(shopper);
        return sets.sadd(index, slot).call(() -> keys.pexpire(index, INDEX_TTL)).replaceWithVoid();
    }

    /** Deletes every count and dismissal of these shopper ids. Idempotent. */
    public Uni<Void> erase(Collection<String> shoppers) {
        List<Uni<Void>> erasures = shoppers.stream()
                .map(shopper -> sets.smembers(indexKey(shopper)).flatMap(slots -> {
                    List<String> doomed = new ArrayList<>();
                    for (String slot : slots) {
                        doomed.add(stateKey(shopper, slot));
                        doomed.add(showsKey(shopper, slot));
                    }
                    doomed.add(indexKey(shopper));
                    return keys.del(doomed.toArray(String[]::new)).replaceWithVoid();
                }))
                .toList();
        return erasures.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(erasures).andFailFast().replaceWithVoid();
    }
}
