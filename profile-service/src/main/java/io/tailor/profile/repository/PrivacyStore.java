package io.tailor.profile.repository;

import io.smallrye.mutiny.Uni;
import io.tailor.profile.domain.IdentityKey;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Erasure and retention in PostgreSQL: what is deleted, what is remembered, and the status of each request. */
@ApplicationScoped
public class PrivacyStore {

    /** What an erasure removed, for the hot state, profile-changes and privacy-requests. */
    public record ErasedProfile(String profileId, long version, String customerId, List<IdentityKey> identities) {

        public List<String> anonymousIds() {
            return identities.stream()
                    .filter(k -> k.kind() == IdentityKey.Kind.ANONYMOUS)
                    .map(IdentityKey::value)
                    .toList();
        }
    }

    /** One service's answer to a request. */
    public record ServiceAnswer(String service, boolean done, String detail, Instant answeredAt) {}

    /** A request and the answers so far. */
    public record RequestStatus(
            UUID requestId,
            String kind,
            String profileId,
            String reason,
            Instant requestedAt,
            Instant completedAt,
            List<ServiceAnswer> answers) {}

    private final Pool pool;

    public PrivacyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Deletes the profile with its identities, merge records and consent history, remembers its identities as erased
     * (so events about them still in flight cannot recreate it), and records the request. Empty when no such profile.
     */
    public Uni<ErasedProfile> erase(String profileId, UUID requestId, String reason, Instant now) {
        OffsetDateTime at = utc(now);
        return pool.withTransaction(c -> c.preparedQuery(
                        "SELECT version, customer_id FROM profile WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(profileId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row profile = rows.iterator().next();
                    return identities(c, profileId).flatMap(identities -> {
                        ErasedProfile erased = new ErasedProfile(
                                profileId, profile.getLong("version"), profile.getString("customer_id"), identities);
                        String[] kinds =
                                identities.stream().map(k -> k.kind().column()).toArray(String[]::new);
                        String[] values =
                                identities.stream().map(IdentityKey::value).toArray(String[]::new);
                        return c.preparedQuery("INSERT INTO erased_identity (kind, value, erased_at)"
                                        + " SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS t(k, v)"
                                        + " ON CONFLICT (kind, value) DO UPDATE SET erased_at = EXCLUDED.erased_at")
                                .execute(Tuple.of(kinds, values, at))
                                .call(() -> c.preparedQuery("DELETE FROM consent_record WHERE profile_id = $1")
                                        .execute(Tuple.of(profileId)))
                                .call(() -> c.preparedQuery(
                                                "DELETE FROM profile_merge WHERE survivor_id = $1 OR merged_id = $1")
                                        .execute(Tuple.of(profileId)))
                                .call(() -> c.preparedQuery("DELETE FROM profile WHERE id = $1")
                                        .execute(Tuple.of(profileId)))
                                .call(() -> c.preparedQuery("INSERT INTO privacy_request (id, kind, profile_id,"
                                                + " reason, requested_at) VALUES ($1, 'erase', $2, $3, $4)")
                                        .execute(Tuple.of(requestId, profileId, reason, at)))
                                .replaceWith(erased);
                    });
                }));
    }

    private static Uni<List<IdentityKey>> identities(SqlConnection c, String profileId) {
        return c.preparedQuery("SELECT kind, value FROM profile_identity WHERE profile_id = $1")
                .execute(Tuple.of(profileId))
                .map(rows -> {
                    List<IdentityKey> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(
                            new IdentityKey(IdentityKey.Kind.ofColumn(r.getString("kind")), r.getString("value"))));
                    return keys;
                });
    }

    /** Records a service's answer; the request is complete once every expected service answered done. */
    public Uni<Void> recordAnswer(
            UUID requestId, String service, boolean done, String detail, Instant at, Collection<String> expected) {
        return pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO privacy_request_result (request_id, service, done, detail, answered_at)"
                                        + " SELECT $1, $2, $3, $4, $5 WHERE EXISTS"
                                        + " (SELECT 1 FROM privacy_request WHERE id = $1)"
                                        + " ON CONFLICT (request_id, service) DO UPDATE SET done = EXCLUDED.done,"
                                        + " detail = EXCLUDED.detail, answered_at = EXCLUDED.answered_at")
                        .execute(Tuple.of(requestId, service, done, truncate(detail), utc(at)))
                        .call(() -> c.preparedQuery("UPDATE privacy_request SET completed_at = $2 WHERE id = $1"
                                        + " AND completed_at IS NULL AND (SELECT count(*) FROM privacy_request_result"
                                        + " WHERE request_id = $1 AND done AND service = ANY($3)) = cardinality($3)")
                                .execute(Tuple.of(requestId, utc(at), expected.toArray(String[]::new)))))
                .replaceWithVoid();
    }

    public Uni<RequestStatus> status(UUID requestId) {
        return pool.preparedQuery("SELECT kind, profile_id, reason, requested_at, completed_at FROM privacy_request"
                        + " WHERE id = $1")
                .execute(Tuple.of(requestId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row r = rows.iterator().next();
                    return pool.preparedQuery("SELECT service, done, detail, answered_at FROM privacy_request_result"
                                    + " WHERE request_id = $1 ORDER BY service")
                            .execute(Tuple.of(requestId))
                            .map(answers -> {
                                List<ServiceAnswer> list = new ArrayList<>();
                                answers.forEach(a -> list.add(new ServiceAnswer(
                                        a.getString("service"),
                                        a.getBoolean("done"),
                                        a.getString("detail"),
                                        a.getOffsetDateTime("answered_at").toInstant())));
                                OffsetDateTime completed = r.getOffsetDateTime("completed_at");
                                return new RequestStatus(
                                        requestId,
                                        r.getString("kind"),
                                        r.getString("profile_id"),
                                        r.getString("reason"),
                                        r.getOffsetDateTime("requested_at").toInstant(),
                                        completed == null ? null : completed.toInstant(),
                                        list);
                            });
                });
    }

    /** Profiles not seen since {@code before}, oldest first (retention). */
    public Uni<List<String>> inactiveSince(Instant before, int limit) {
        return pool.preparedQuery("SELECT id FROM profile WHERE last_seen < $1 ORDER BY last_seen LIMIT $2")
                .execute(Tuple.of(utc(before), limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString("id")));
                    return ids;
                });
    }

    /** Forgets processed event ids and erasure tombstones older than {@code before}; returns how many rows went. */
    public Uni<Integer> pruneBefore(Instant before) {
        return pool.preparedQuery("DELETE FROM processed_event WHERE processed_at < $1")
                .execute(Tuple.of(utc(before)))
                .flatMap(events -> pool.preparedQuery("DELETE FROM erased_identity WHERE erased_at < $1")
                        .execute(Tuple.of(utc(before)))
                        .map(tombstones -> events.rowCount() + tombstones.rowCount()));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
