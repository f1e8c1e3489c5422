package io.tailor.content.journey;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the message log and the journey runs for the admin API. */
@ApplicationScoped
public class MessageLog {

    static final Set<String> STATUSES =
            Set.of("queued", "sending", "sent", "retrying", "dead", "suppressed", "unknown");
    static final Set<String> RUN_STATUSES = Set.of("active", "completed", "exited");

    /** One message of the log. */
    public record MessageView(
            UUID id,
            String journey,
            int step,
            String profileId,
            String customerId,
            String template,
            String status,
            String reason,
            int attempts,
            String subject,
            String lastError,
            Instant createdAt,
            Instant sentAt,
            String body) {}

    /** One shopper's pass through a journey. */
    public record RunView(
            UUID id,
            String journey,
            String profileId,
            String status,
            int step,
            Instant dueAt,
            Instant startedAt,
            Instant updatedAt,
            String endedReason) {}

    /** How a journey is doing: runs and messages by status. */
    public record Stats(String journey, Map<String, Long> runs, Map<String, Long> messages) {}

    private final Pool pool;

    public MessageLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MessageView>> messages(String profileId, String journey, String status, int limit) {
        checkLimit(limit);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "one of " + String.join(", ", sorted(STATUSES)));
        }
        return pool.preparedQuery("SELECT id, journey_key, step, profile_id, customer_id, template_key, status,"
                        + " reason, attempts, subject, last_error, created_at, sent_at FROM message"
                        + " WHERE ($1::varchar IS NULL OR profile_id = $1) AND ($2::varchar IS NULL OR journey_key = $2)"
                        + " AND ($3::varchar IS NULL OR status = $3) ORDER BY created_at DESC LIMIT $4")
                .execute(Tuple.of(profileId, journey, status, limit))
                .map(rows -> {
                    List<MessageView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(message(row, null)));
                    return views;
                });
    }

    public Uni<MessageView> message(UUID id) {
        return pool.preparedQuery("SELECT * FROM message WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No message " + id);
                    }
                    Row row = rows.iterator().next();
                    return message(row, row.getString("body"));
                });
    }

    public Uni<List<RunView>> runs(String journey, String profileId, String status, int limit) {
        checkLimit(limit);
        if (status != null && !RUN_STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "one of " + String.join(", ", sorted(RUN_STATUSES)));
        }
        return pool.preparedQuery("SELECT id, journey_key, profile_id, status, step, due_at, started_at, updated_at,"
                        + " ended_reason FROM journey_run WHERE journey_key = $1"
                        + " AND ($2::varchar IS NULL OR profile_id = $2) AND ($3::varchar IS NULL OR status = $3)"
                        + " ORDER BY updated_at DESC LIMIT $4")
                .execute(Tuple.of(journey, profileId, status, limit))
                .map(rows -> {
                    List<RunView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(new RunView(
                            row.getUUID("id"),
                            row.getString("journey_key"),
                            row.getString("profile_id"),
                            row.getString("status"),
                            row.getInteger("step"),
                            instant(row.getOffsetDateTime("due_at")),
                            instant(row.getOffsetDateTime("started_at")),
                            instant(row.getOffsetDateTime("updated_at")),
                            row.getString("ended_reason"))));
                    return views;
                });
    }

    public Uni<Stats> stats(String journey) {
        return counts("SELECT status, count(*) AS n FROM journey_run WHERE journey_key = $1 GROUP BY status", journey)
                .flatMap(runs -> counts(
                                "SELECT status, count(*) AS n FROM message WHERE journey_key = $1 GROUP BY status",
                                journey)
                        .map(messages -> new Stats(journey, runs, messages)));
    }

    private Uni<Map<String, Long>> counts(String sql, String journey) {
        return pool.preparedQuery(sql).execute(Tuple.of(journey)).map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
            return counts;
        });
    }

    private static MessageView message(Row row, String body) {
        return new MessageView(
                row.getUUID("id"),
                row.getString("journey_key"),
                row.getInteger("step"),
                row.getString("profile_id"),
                row.getString("customer_id"),
                row.getString("template_key"),
                row.getString("status"),
                row.getString("reason"),
                row.getInteger("attempts"),
                row.getString("subject"),
                row.getString("last_error"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("sent_at")),
                body);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
