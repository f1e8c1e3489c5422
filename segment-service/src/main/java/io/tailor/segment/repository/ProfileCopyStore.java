package io.tailor.segment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * segment-service's own copy of every profile, from {@code profile-changes}: what previews count and what
 * time-based re-evaluation reads. Written set-based (one statement per batch), never replacing a newer version.
 */
@ApplicationScoped
public class ProfileCopyStore {

    private final Pool pool;
    private final ObjectMapper mapper;

    public ProfileCopyStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The stored version of each profile that has a copy. */
    public Uni<Map<String, Long>> versions(Collection<String> profileIds) {
        return pool.preparedQuery("SELECT profile_id, version FROM profile_copy WHERE profile_id = ANY($1)")
                .execute(Tuple.of((Object) profileIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> versions = new LinkedHashMap<>();
                    rows.forEach(r -> versions.put(r.getString(0), r.getLong(1)));
                    return versions;
                });
    }

    public Uni<java.util.Optional<ProfileSnapshot>> load(String profileId) {
        return load(List.of(profileId)).map(found -> java.util.Optional.ofNullable(found.get(profileId)));
    }

    public Uni<Map<String, ProfileSnapshot>> load(Collection<String> profileIds) {
        return pool.preparedQuery("SELECT profile_id, snapshot::text FROM profile_copy WHERE profile_id = ANY($1)")
                .execute(Tuple.of((Object) profileIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ProfileSnapshot> found = new LinkedHashMap<>();
                    rows.forEach(r -> found.put(r.getString(0), read(r.getString(1))));
                    return found;
                });
    }

    /** Stores the profiles unless a newer version is stored. */
    public Uni<Void> upsert(Collection<ProfileSnapshot> profiles, Instant now) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        for (ProfileSnapshot p : profiles) {
            rows.add(Tuple.of(p.profileId(), p.version(), write(p), at));
        }
        return pool.preparedQuery("INSERT INTO profile_copy (profile_id, version, snapshot, updated_at)"
                        + " VALUES ($1, $2, ($3::text)::json, $4) ON CONFLICT (profile_id) DO UPDATE"
                        + " SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at"
                        + " WHERE profile_copy.version <= EXCLUDED.version")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    public Uni<Void> delete(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM profile_copy WHERE profile_id = ANY($1)")
                .execute(Tuple.of((Object) profileIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Streams every stored profile, page by page, to {@code each} (loading the in-memory index). */
    public Uni<Long> forEach(int pageSize, Consumer<ProfileSnapshot> each) {
        return page("", OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), pageSize, each, 0L);
    }

    /** Streams the profiles stored (or changed) at or after {@code since}. */
    public Uni<Long> forEachChangedSince(Instant since, int pageSize, Consumer<ProfileSnapshot> each) {
        return page("", OffsetDateTime.ofInstant(since, ZoneOffset.UTC), pageSize, each, 0L);
    }

    private Uni<Long> page(
            String after, OffsetDateTime since, int pageSize, Consumer<ProfileSnapshot> each, long seen) {
        return pool.preparedQuery("SELECT profile_id, snapshot::text FROM profile_copy WHERE profile_id > $1"
                        + " AND updated_at >= $2 ORDER BY profile_id LIMIT $3")
                .execute(Tuple.of(after, since, pageSize))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(rows -> {
                    String last = null;
                    long count = seen;
                    for (var r : rows) {
                        each.accept(read(r.getString(1)));
                        last = r.getString(0);
                        count++;
                    }
                    return rows.size() < pageSize || last == null
                            ? Uni.createFrom().item(count)
                            : page(last, since, pageSize, each, count);
                });
    }

    private ProfileSnapshot read(String json) {
        try {
            return mapper.readValue(json, ProfileSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(ProfileSnapshot p) {
        try {
            return mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
