package io.tailor.content.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The stored journeys, in memory: the consumers and the scheduler look them up on every message. Reloaded after each
 * change through this replica's API and every 30 seconds (changes made through another replica).
 */
@ApplicationScoped
public class JourneyCatalog {

    private static final Logger LOG = Logger.getLogger(JourneyCatalog.class);

    /** A stored journey. */
    public record Entry(String key, int version, boolean enabled, JourneyDefinition definition) {}

    private final Pool pool;
    private final ObjectMapper mapper;
    private volatile Map<String, Entry> journeys;
    /** Reloads started and the newest applied: a slow, older read never replaces a newer one. */
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();

    private long applied;

    public JourneyCatalog(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The journeys, loaded on first use. */
    public Uni<Map<String, Entry>> all() {
        Map<String, Entry> loaded = journeys;
        return loaded != null ? Uni.createFrom().item(loaded) : reload();
    }

    public Uni<Optional<Entry>> get(String key) {
        return all().map(all -> Optional.ofNullable(all.get(key)));
    }

    /** Enabled journeys started by an event type. */
    public Uni<List<Entry>> triggeredByEvent(String eventType) {
        return all().map(all -> all.values().stream()
                .filter(e ->
                        e.enabled() && eventType.equals(e.definition().trigger().event()))
                .toList());
    }

    /** Enabled journeys started by entering a segment. */
    public Uni<List<Entry>> triggeredBySegment(String segmentKey) {
        return all().map(all -> all.values().stream()
                .filter(e -> e.enabled()
                        && segmentKey.equals(e.definition().trigger().segmentEntered()))
                .toList());
    }

    public Uni<Map<String, Entry>> reload() {
        long generation = started.incrementAndGet();
        return pool.query("SELECT key, version, enabled, definition::text AS definition FROM journey")
                .execute()
                .map(rows -> {
                    Map<String, Entry> loaded = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String key = row.getString("key");
                        try {
                            loaded.put(
                                    key,
                                    new Entry(
                                            key,
                                            row.getInteger("version"),
                                            row.getBoolean("enabled"),
                                            mapper.readValue(row.getString("definition"), JourneyDefinition.class)));
                        } catch (JsonProcessingException e) {
                            LOG.errorf("Journey %s is unreadable and is skipped: %s", key, e.getOriginalMessage());
                        }
                    }
                    return apply(generation, Map.copyOf(loaded));
                });
    }

    private synchronized Map<String, Entry> apply(long generation, Map<String, Entry> loaded) {
        if (generation > applied) {
            applied = generation;
            journeys = loaded;
        }
        return journeys;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(e -> LOG.warnf("Journeys not reloaded: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
