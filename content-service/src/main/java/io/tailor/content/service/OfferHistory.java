package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the offer audit log says about one shopper, for a decision: which of the candidate offers they were shown in
 * the rolling window, and the first price each offer showed them for each product on the page since the offer last
 * changed. PostgreSQL reduces the log to those answers, so a decision reads a handful of rows however long the
 * shopper's history is (every recorded decision adds a row per priced product).
 */
@ApplicationScoped
public class OfferHistory {

    /** The first price a shopper was shown for a product under an offer. */
    public record Pin(BigDecimal basePrice, BigDecimal offerPrice) {}

    /**
     * @param seen the candidate offers shown to the shopper in the window
     * @param pins by {@link #pinKey}
     */
    public record Seen(Set<String> seen, Map<String, Pin> pins) {}

    private static final String SEEN =
            "SELECT DISTINCT offer_key FROM offer_audit WHERE shopper_id = $1 AND offer_key = ANY($2::varchar[])"
                    + " AND shown_at > $3";

    private static final String PINS = "SELECT DISTINCT ON (a.offer_key, a.product_id) a.offer_key, a.product_id,"
            + " a.base_price, a.offer_price FROM offer_audit a"
            + " JOIN unnest($2::varchar[], $3::timestamptz[]) AS c(offer_key, since)"
            + " ON a.offer_key = c.offer_key AND a.shown_at >= c.since"
            + " WHERE a.shopper_id = $1 AND a.product_id = ANY($4::varchar[])"
            + " ORDER BY a.offer_key, a.product_id, a.shown_at";

    private final Pool pool;

    public OfferHistory(Pool pool) {
        this.pool = pool;
    }

    public static String pinKey(String offerKey, String productId) {
        return offerKey + "\n" + productId;
    }

    /**
     * @param since by candidate offer key: when it last changed (a price shown before then is not kept)
     * @param products the products on the page
     */
    public Uni<Seen> read(String shopper, Map<String, Instant> since, List<String> products, Instant windowStart) {
        String[] keys = since.keySet().toArray(String[]::new);
        Uni<Set<String>> seen = pool.preparedQuery(SEEN)
                .execute(Tuple.of(shopper, keys, utc(windowStart)))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(row -> out.add(row.getString(0)));
                    return out;
                });
        if (products.isEmpty()) {
            return seen.map(s -> new Seen(s, Map.of()));
        }
        OffsetDateTime[] sinces = new OffsetDateTime[keys.length];
        for (int i = 0; i < keys.length; i++) {
            sinces[i] = utc(since.get(keys[i]));
        }
        Uni<Map<String, Pin>> pins = pool.preparedQuery(PINS)
                .execute(Tuple.of(shopper, keys, sinces, products.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Pin> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(
                                pinKey(row.getString("offer_key"), row.getString("product_id")),
                                new Pin(row.getBigDecimal("base_price"), row.getBigDecimal("offer_price")));
                    }
                    return out;
                });
        return Uni.combine().all().unis(seen, pins).with(Seen::new);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
