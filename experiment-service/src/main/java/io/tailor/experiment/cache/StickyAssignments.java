package io.tailor.experiment.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.tailor.kit.redis.LoopLocal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Remembered assignments of sticky experiments: {@code experiment:sticky:<experimentKey>:<unitId>} holds the
 * variation key, with the experiment's TTL, written only when absent (the first assignment wins).
 */
@ApplicationScoped
public class StickyAssignments {

    private static final Logger LOG = Logger.getLogger(StickyAssignments.class);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;

    public StickyAssignments(@LoopLocal ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    public static String key(String experimentKey, String unitId) {
        return "experiment:sticky:" + experimentKey + ":" + unitId;
    }

    /** The remembered variation key per experiment key (absent when none). */
    public Uni<Map<String, String>> find(String unitId, List<String> experimentKeys) {
        if (experimentKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] keys = experimentKeys.stream().map(e -> key(e, unitId)).toArray(String[]::new);
        return values.mget(keys).map(found -> {
            Map<String, String> byExperiment = new java.util.HashMap<>();
            for (String e : experimentKeys) {
                String v = found.get(key(e, unitId));
                if (v != null) {
                    byExperiment.put(e, v);
                }
            }
            return byExperiment;
        });
    }

    /** Remembers a first assignment; never waits the caller (failures are logged). */
    public void remember(String experimentKey, String unitId, String variationKey, int days) {
        values.set(key(experimentKey, unitId), variationKey, new SetArgs().nx().ex(Duration.ofDays(days)))
                .subscribe()
                .with(ok -> {}, f -> LOG.warnf("Sticky assignment of %s not stored: %s", unitId, f.getMessage()));
    }

    /** Forgets every remembered assignment of these units in these experiments. */
    public Uni<Void> forget(Collection<String> experimentKeys, Collection<String> unitIds) {
        String[] keys = experimentKeys.stream()
                .flatMap(e -> unitIds.stream().map(u -> key(e, u)))
                .toArray(String[]::new);
        return keys.length == 0
                ? Uni.createFrom().voidItem()
                : redis.key().del(keys).replaceWithVoid();
    }
}
