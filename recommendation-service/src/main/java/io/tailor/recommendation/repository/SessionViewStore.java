package io.tailor.recommendation.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Product views by session (table {@code session_view}): what the session-based recommenders learn from. */
@ApplicationScoped
public class SessionViewStore {

    /** One product view. */
    public record SessionView(
            String eventId,
            String sessionId,
            String productId,
            Instant viewedAt,
            String anonymousId,
            String customerId) {}

    private final Pool pool;

    public SessionViewStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the views; an event id stored before is ignored (events may be delivered twice). */
    public Uni<Void> record(List<SessionView> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(views.size());
        for (SessionView v : views) {
            rows.add(Tuple.tuple()
                    .addString(v.eventId())
                    .addString(v.sessionId())
                    .addString(v.productId())
                    .addOffsetDateTime(v.viewedAt().atOffset(ZoneOffset.UTC))
                    .addString(v.anonymousId())
                    .addString(v.customerId()));
        }
        return pool.preparedQuery(
                        "INSERT INTO session_view (event_id, session_id, product_id, viewed_at, anonymous_id, customer_id)"
                                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /**
     * Hands the most recent views since {@code since}, at most {@code limit}, to {@code sink}, grouped by session in
     * time order, as they are read; the number of views.
     */
    public Uni<Long> stream(Instant since, int limit, Consumer<SessionView> sink) {
        return RowCursor.stream(
                pool,
                "SELECT session_id, product_id, viewed_at FROM (SELECT session_id, product_id, viewed_at"
                        + " FROM session_view WHERE viewed_at >= $1 ORDER BY viewed_at DESC LIMIT $2) recent"
                        + " ORDER BY session_id, viewed_at",
                Tuple.of(since.atOffset(ZoneOffset.UTC), limit),
                row -> sink.accept(new SessionView(
                        null,
                        row.getString("session_id"),
                        row.getString("product_id"),
                        row.getOffsetDateTime("viewed_at").toInstant(),
                        null,
                        null)));
    }

    /** Deletes views older than {@code before}; the number deleted. */
    public Uni<Integer> prune(Instant before) {
        return pool.preparedQuery("DELETE FROM session_view WHERE viewed_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    /** Deletes every view of a shopper, by their anonymous ids and customer id. */
    public Uni<Void> erase(List<String> anonymousIds, String customerId) {
        String[] anonymous = anonymousIds == null ? new String[0] : anonymousIds.toArray(String[]::new);
        return pool.preparedQuery("DELETE FROM session_view WHERE anonymous_id = ANY($1) OR customer_id = $2")
                .execute(Tuple.of(anonymous, customerId))
                .replaceWithVoid();
    }
}
