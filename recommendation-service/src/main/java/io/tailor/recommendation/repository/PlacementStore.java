package io.tailor.recommendation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.recommendation.placement.PlacementDefinition;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Placement definitions (table {@code placement}), stored as JSON. */
@ApplicationScoped
public class PlacementStore {

    private static final Logger LOG = Logger.getLogger(PlacementStore.class);

    private final Pool pool;
    private final ObjectMapper mapper;

    public PlacementStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<List<PlacementDefinition>> all() {
        return pool.query("SELECT placement_key, definition::text AS definition FROM placement ORDER BY placement_key")
                .execute()
                .map(rows -> {
                    List<PlacementDefinition> out = new ArrayList<>();
                    for (Row row : rows) {
                        try {
                            out.add(mapper.readValue(row.getString("definition"), PlacementDefinition.class)
                                    .withKey(row.getString("placement_key")));
                        } catch (JsonProcessingException e) {
                            LOG.warnf("Placement %s is unreadable and ignored: %s", row.getString("placement_key"), e);
                        }
                    }
                    return out;
                });
    }

    /** Inserts the placement unless its key exists; whether it was inserted. */
    public Uni<Boolean> insert(PlacementDefinition placement) {
        return pool.preparedQuery("INSERT INTO placement (placement_key, definition, updated_at)"
                        + " VALUES ($1, $2::text::jsonb, $3) ON CONFLICT (placement_key) DO NOTHING")
                .execute(
                        Tuple.of(placement.key(), json(placement), Instant.now().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Replaces an existing placement; whether it existed. */
    public Uni<Boolean> update(PlacementDefinition placement) {
        return pool.preparedQuery("UPDATE placement SET definition = $2::text::jsonb, updated_at = $3"
                        + " WHERE placement_key = $1")
                .execute(
                        Tuple.of(placement.key(), json(placement), Instant.now().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes a placement; whether it existed. */
    public Uni<Boolean> delete(String key) {
        return pool.preparedQuery("DELETE FROM placement WHERE placement_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 1);
    }

    private String json(PlacementDefinition placement) {
        try {
            return mapper.writeValueAsString(placement);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
