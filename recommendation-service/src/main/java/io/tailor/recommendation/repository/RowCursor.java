package io.tailor.recommendation.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads a large result through a server-side cursor, a page at a time, handing each row to a sink as it arrives:
 * memory holds one page, not the result. A whole result set of two million rows needs far more heap than the
 * models built from it.
 */
final class RowCursor {

    /** Rows fetched per round trip. */
    static final int PAGE = 2_000;

    private RowCursor() {}

    /** Runs {@code sql} with {@code arguments} in a transaction (a cursor lives in one); the rows read. */
    static Uni<Long> stream(Pool pool, String sql, Tuple arguments, Consumer<Row> sink) {
        return pool.withTransaction(connection -> connection.prepare(sql).flatMap(statement -> {
            AtomicLong rows = new AtomicLong();
            return statement
                    .createStream(PAGE, arguments)
                    .toMulti()
                    .onItem()
                    .invoke(row -> {
                        rows.incrementAndGet();
                        sink.accept(row);
                    })
                    .onItem()
                    .ignoreAsUni()
                    .eventually(statement::close)
                    .map(done -> rows.get());
        }));
    }
}
