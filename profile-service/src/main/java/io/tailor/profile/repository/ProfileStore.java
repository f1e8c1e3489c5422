package io.tailor.profile.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.profile.domain.ConsentRecord;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.domain.ProfileMergeRecord;
import io.tailor.profile.domain.ProfileRecord;
import io.tailor.profile.domain.ProfileState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The set-based SQL of the event pipeline: one statement per step for a whole batch (arrays and
 * {@code ON CONFLICT}), in one transaction. The REST side reads the same tables through the Panache entities; see
 * docs/adr/0006-profile-ingest-path.md for why ingest uses the reactive SQL client directly.
 */
@ApplicationScoped
public class ProfileStore {

    private final Pool pool;
    private final ObjectMapper mapper;

    public ProfileStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** Records the event ids as processed; returns those that were not processed before. */
    public Uni<Set<String>> markProcessed(SqlConnection c, Collection<String> eventIds, Instant now) {
        UUID[] ids = eventIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        return c.preparedQuery("INSERT INTO processed_event (event_id, processed_at) SELECT unnest($1::uuid[]), $2"
                        + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
                .execute(Tuple.of(ids, utc(now)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0).toString()));
                    return fresh;
                });
    }

    /** The profile each identity resolves to (identities that resolve to none are absent). */
    public Uni<Map<IdentityKey, String>> resolve(SqlConnection c, Collection<IdentityKey> keys) {
        String[] kinds = keys.stream().map(k -> k.kind().column()).toArray(String[]::new);
        String[] values = keys.stream().map(IdentityKey::value).toArray(String[]::new);
        return c.preparedQuery("SELECT i.kind, i.value, i.profile_id FROM profile_identity i"
                        + " JOIN unnest($1::text[], $2::text[]) AS k(kind, value)"
                        + " ON i.kind = k.kind AND i.value = k.value")
                .execute(Tuple.of(kinds, values))
                .map(rows -> {
                    Map<IdentityKey, String> found = new LinkedHashMap<>();
                    rows.forEach(row -> found.put(identity(row), row.getString("profile_id")));
                    return found;
                });
    }

    /** When each of these identities was erased, for those that were. */
    public Uni<Map<IdentityKey, Instant>> tombstones(SqlConnection c, Collection<IdentityKey> keys) {
        String[] kinds = keys.stream().map(k -> k.kind().column()).toArray(String[]::new);
        String[] values = keys.stream().map(IdentityKey::value).toArray(String[]::new);
        return c.preparedQuery("SELECT e.kind, e.value, e.erased_at FROM erased_identity e"
                        + " JOIN unnest($1::text[], $2::text[]) AS k(kind, value)"
                        + " ON e.kind = k.kind AND e.value = k.value")
                .execute(Tuple.of(kinds, values))
                .map(rows -> {
                    Map<IdentityKey, Instant> found = new LinkedHashMap<>();
                    rows.forEach(row -> found.put(
                            identity(row), row.getOffsetDateTime("erased_at").toInstant()));
                    return found;
                });
    }

    /**
     * Loads and locks the profiles, each with its {@link ProfileRecord#RECENT_PER_KIND} most recently linked
     * identities of each kind (most recent first). The index (profile_id, kind, linked_at) makes that a short read
     * however many identities a profile has.
     */
    public Uni<Map<String, ProfileRecord>> lockAndLoad(SqlConnection c, Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ids = profileIds.toArray(String[]::new);
        Uni<Map<String, List<IdentityKey>>> identities = c.preparedQuery(
                        recentIdentities("unnest($1::varchar[])", "$2"))
                .execute(Tuple.of(ids, ProfileRecord.RECENT_PER_KIND))
                .map(rows -> {
                    Map<String, List<IdentityKey>> byProfile = new LinkedHashMap<>();
                    rows.forEach(row -> byProfile
                            .computeIfAbsent(row.getString("profile_id"), id -> new ArrayList<>())
                            .add(identity(row)));
                    return byProfile;
                });
        return c.preparedQuery("SELECT id, version, customer_id, email_hash, state::text AS state FROM profile"
                        + " WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of((Object) ids))
                .flatMap(rows -> identities.map(byProfile -> {
                    Map<String, ProfileRecord> loaded = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        String id = row.getString("id");
                        loaded.put(
                                id,
                                new ProfileRecord(
                                        id,
                                        row.getLong("version"),
                                        false,
                                        row.getString("customer_id"),
                                        row.getString("email_hash"),
                                        readState(row.getString("state")),
                                        byProfile.getOrDefault(id, List.of())));
                    });
                    return loaded;
                }));
    }

    /**
     * Every anonymous id of the profiles, each with its profile. A redelivered batch writes these aliases again: the
     * delivery that applied it may have committed and then failed to publish, and the aliases of browsers a merge
     * moved without loading them are known only to the batch that moved them.
     */
    public Uni<Map<String, String>> anonymousIdentities(SqlConnection c, Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("SELECT value, profile_id FROM profile_identity"
                        + " WHERE profile_id = ANY($1) AND kind = 'anonymous'")
                .execute(Tuple.of((Object) profileIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> aliases = new LinkedHashMap<>();
                    rows.forEach(row -> aliases.put(row.getString("value"), row.getString("profile_id")));
                    return aliases;
                });
    }

    /**
     * The SQL that reads, for each profile id {@code profiles} yields (a row source), its {@code limit} most recently
     * linked identities of each kind, most recent first, as (profile_id, kind, value): the event pipeline reads many
     * profiles with it, the read side one ({@link ProfileRepository#recentIdentitiesOf}).
     */
    static String recentIdentities(String profiles, String limit) {
        return "SELECT p.id AS profile_id, i.kind, i.value FROM " + profiles + " AS p(id)"
                + " CROSS JOIN (VALUES ('customer'), ('email'), ('anonymous')) AS k(kind)"
                + " CROSS JOIN LATERAL (SELECT kind, value, linked_at FROM profile_identity"
                + " WHERE profile_id = p.id AND kind = k.kind ORDER BY linked_at DESC LIMIT " + limit + ") AS i"
                + " ORDER BY i.linked_at DESC";
    }

    /**
     * Writes a batch's outcome: profiles (insert or versioned update), identity links, merges, and deletes the
     * profiles merged away (after their identities and consent history moved to the survivor).
     *
     * @param moves each profile merged away, with the profile that survives it
     * @return the identities that moved with the profiles merged away, each with the profile it now resolves to
     */
    public Uni<Map<IdentityKey, String>> save(
            SqlConnection c,
            List<ProfileRecord> changed,
            Map<IdentityKey, String> links,
            List<ProfileMergeRecord> merges,
            Map<String, String> moves,
            List<ConsentRecord> consentRecords,
            Instant now) {
        Collection<String> removed = moves.keySet();
        OffsetDateTime at = utc(now);
        List<Tuple> profiles = new ArrayList<>();
        for (ProfileRecord p : changed) {
            profiles.add(Tuple.from(Arrays.asList(
                    p.id(),
                    p.nextVersion(),
                    p.customerId(),
                    p.emailHash(),
                    writeState(p.state()),
                    utc(p.state().firstSeen()),
                    utc(p.state().lastSeen()),
                    at,
                    p.loadedVersion())));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (!removed.isEmpty()) {
            // Free merged-away customer ids before the survivor takes them over (the column is unique).
            chain = chain.call(() -> c.preparedQuery("UPDATE profile SET customer_id = NULL WHERE id = ANY($1)")
                    .execute(Tuple.of((Object) removed.toArray(String[]::new))));
        }
        if (!profiles.isEmpty()) {
            chain = chain.call(() -> c.preparedQuery(
                            "INSERT INTO profile (id, version, customer_id, email_hash, state, first_seen, last_seen,"
                                    + " created_at, updated_at) VALUES ($1, $2, $3, $4, ($5::text)::json, $6, $7, $8, $8)"
                                    + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version,"
                                    + " customer_id = EXCLUDED.customer_id, email_hash = EXCLUDED.email_hash,"
                                    + " state = EXCLUDED.state, first_seen = EXCLUDED.first_seen,"
                                    + " last_seen = EXCLUDED.last_seen, updated_at = EXCLUDED.updated_at"
                                    + " WHERE profile.version = $9")
                    .executeBatch(profiles)
                    .invoke(rows -> requireAllWritten(rows, profiles.size())));
        }
        List<Tuple> moved = new ArrayList<>();
        moves.forEach((mergedId, survivorId) -> moved.add(Tuple.of(survivorId, mergedId)));
        Map<IdentityKey, String> movedIdentities = new LinkedHashMap<>();
        if (!moved.isEmpty()) {
            // Identities the batch did not load (older than the most recent of their kind) move in one statement.
            chain = chain.call(() -> c.preparedQuery("UPDATE profile_identity SET profile_id = $1 WHERE profile_id = $2"
                            + " RETURNING kind, value, profile_id")
                    .executeBatch(moved)
                    .invoke(rows -> {
                        for (var set = rows; set != null; set = set.next()) {
                            set.forEach(row -> movedIdentities.put(identity(row), row.getString("profile_id")));
                        }
                    }));
        }
        if (!links.isEmpty()) {
            List<Tuple> tuples = new ArrayList<>();
            links.forEach((key, profileId) -> tuples.add(Tuple.of(key.kind().column(), key.value(), profileId, at)));
            chain = chain.call(() -> c.preparedQuery(
                            "INSERT INTO profile_identity (kind, value, profile_id, linked_at) VALUES ($1, $2, $3, $4)"
                                    + " ON CONFLICT (kind, value) DO UPDATE SET profile_id = EXCLUDED.profile_id,"
                                    + " linked_at = EXCLUDED.linked_at")
                    .executeBatch(tuples));
        }
        if (!merges.isEmpty()) {
            List<Tuple> tuples = merges.stream()
                    .map(m -> Tuple.of(
                            m.survivorId(), m.mergedId(), m.reason(), UUID.fromString(m.causeEventId()), utc(m.at())))
                    .toList();
            chain = chain.call(() -> c.preparedQuery("INSERT INTO profile_merge (survivor_id, merged_id, reason,"
                            + " cause_event_id, merged_at) VALUES ($1, $2, $3, $4, $5)")
                    .executeBatch(tuples));
        }
        if (!moved.isEmpty()) {
            chain = chain.call(() -> c.preparedQuery("UPDATE consent_record SET profile_id = $1 WHERE profile_id = $2")
                    .executeBatch(moved));
        }
        if (!consentRecords.isEmpty()) {
            List<Tuple> rows = consentRecords.stream()
                    .map(r -> Tuple.from(Arrays.asList(
                            r.profileId(),
                            r.purpose(),
                            r.granted(),
                            r.source(),
                            r.eventId() == null ? null : UUID.fromString(r.eventId()),
                            utc(r.occurredAt()),
                            at)))
                    .toList();
            chain = chain.call(() -> c.preparedQuery("INSERT INTO consent_record (profile_id, purpose, granted, source,"
                            + " event_id, occurred_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .executeBatch(rows));
        }
        if (!removed.isEmpty()) {
            chain = chain.call(() -> c.preparedQuery("DELETE FROM profile WHERE id = ANY($1)")
                    .execute(Tuple.of((Object) removed.toArray(String[]::new))));
        }
        return chain.replaceWith(() -> movedIdentities);
    }

    /** A versioned update that matched no row means another writer got there first: the batch must retry. */
    private static void requireAllWritten(io.vertx.mutiny.sqlclient.RowSet<Row> rows, int expected) {
        int written = 0;
        for (var set = rows; set != null; set = set.next()) {
            written += set.rowCount();
        }
        if (written != expected) {
            throw new ConcurrentProfileUpdate(expected - written);
        }
    }

    /** Thrown when a profile changed under the batch; the caller retries the whole batch. */
    public static final class ConcurrentProfileUpdate extends RuntimeException {
        public ConcurrentProfileUpdate(int stale) {
            super(stale + " profile(s) changed concurrently");
        }
    }

    private ProfileState readState(String json) {
        try {
            return mapper.readValue(json, ProfileState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable profile state", e);
        }
    }

    private String writeState(ProfileState state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("profile state cannot be written", e);
        }
    }

    private static IdentityKey identity(Row row) {
        return new IdentityKey(IdentityKey.Kind.ofColumn(row.getString("kind")), row.getString("value"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
