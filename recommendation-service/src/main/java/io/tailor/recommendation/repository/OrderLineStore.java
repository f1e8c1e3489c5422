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

/** The lines of completed orders (table {@code order_line}): what the co-purchase models learn from. */
@ApplicationScoped
public class OrderLineStore {

    /**
     * One product of one order.
     *
     * @param orderKey the order id, or the event id when the order had none
     */
    public record OrderedLine(
            String orderKey, String productId, int quantity, Instant orderedAt, String anonymousId, String customerId) {

        /** Whose purchase history this line belongs to: the customer id, else the anonymous id. */
        public String shopperKey() {
            return customerId != null ? "c:" + customerId : anonymousId != null ? "a:" + anonymousId : null;
        }
    }

    private final Pool pool;

    public OrderLineStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the lines; a line stored before (same order and product) is ignored. */
    public Uni<Void> record(List<OrderedLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(lines.size());
        for (OrderedLine l : lines) {
            rows.add(Tuple.tuple()
                    .addString(l.orderKey())
                    .addString(l.productId())
                    .addInteger(l.quantity())
                    .addOffsetDateTime(l.orderedAt().atOffset(ZoneOffset.UTC))
                    .addString(l.anonymousId())
                    .addString(l.customerId()));
        }
        return pool.preparedQuery(
                        "INSERT INTO order_line (order_key, product_id, quantity, ordered_at, anonymous_id,"
                                + " customer_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_key, product_id) DO NOTHING")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /**
     * Hands the most recent lines since {@code since}, at most {@code limit}, to {@code sink}, grouped by order, as
     * they are read; the number of lines.
     */
    public Uni<Long> stream(Instant since, int limit, Consumer<OrderedLine> sink) {
        return RowCursor.stream(
                pool,
                "SELECT * FROM (SELECT order_key, product_id, quantity, ordered_at, anonymous_id, customer_id"
                        + " FROM order_line WHERE ordered_at >= $1 ORDER BY ordered_at DESC LIMIT $2) recent"
                        + " ORDER BY order_key, product_id",
                Tuple.of(since.atOffset(ZoneOffset.UTC), limit),
                row -> sink.accept(new OrderedLine(
                        row.getString("order_key"),
                        row.getString("product_id"),
                        row.getInteger("quantity"),
                        row.getOffsetDateTime("ordered_at").toInstant(),
                        row.getString("anonymous_id"),
                        row.getString("customer_id"))));
    }

    /** Deletes lines older than {@code before}; the number deleted. */
    public Uni<Integer> prune(Instant before) {
        return pool.preparedQuery("DELETE FROM order_line WHERE ordered_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    /** Deletes every line of a shopper, by their anonymous ids and customer id. */
    public Uni<Void> erase(List<String> anonymousIds, String customerId) {
        String[] anonymous = anonymousIds == null ? new String[0] : anonymousIds.toArray(String[]::new);
        return pool.preparedQuery("DELETE FROM order_line WHERE anonymous_id = ANY($1) OR customer_id = $2")
                .execute(Tuple.of(anonymous, customerId))
                .replaceWithVoid();
    }
}
