package io.tailor.recommendation.cache;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.redis.LoopLocal;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time-decayed product popularity in Redis sorted sets, shared by every replica. An interaction of weight w at time
 * t adds w * 2^((t - epoch) / half-life): scores grow instead of decaying, so nothing has to be rewritten as time
 * passes, and the order of products is the order of their decayed popularity. Kept overall and per top category,
 * each trimmed to the strongest {@value #KEEP} products.
 */
@ApplicationScoped
public class TrendingStore {

    static final String OVERALL = "recommendation:trending";
    static final String CATEGORY = "recommendation:trending:category:";
    static final String SEGMENT = "recommendation:trending:segment:";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(7);
    private static final int KEEP = 20_000;

    /**
     * One interaction to count.
     *
     * @param segments the segments the shopper was in when it happened (popularity within a segment)
     */
    public record Interaction(String productId, String topCategory, double weight, Instant at, List<String> segments) {

        public Interaction(String productId, String topCategory, double weight, Instant at) {
            this(productId, topCategory, weight, at, List.of());
        }

        public Interaction inSegments(List<String> segments) {
            return new Interaction(productId, topCategory, weight, at, segments);
        }
    }

    private final Redis redis;

    public TrendingStore(@LoopLocal Redis redis) {
        this.redis = redis;
    }

    public Uni<Void> record(List<Interaction> interactions) {
        if (interactions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Map<String, Double>> increments = new LinkedHashMap<>();
        for (Interaction i : interactions) {
            double score = i.weight()
                    * Math.pow(2, (double) Duration.between(EPOCH, i.at()).toSeconds() / HALF_LIFE.toSeconds());
            increments.computeIfAbsent(OVERALL, k -> new LinkedHashMap<>()).merge(i.productId(), score, Double::sum);
            if (i.topCategory() != null) {
                increments
                        .computeIfAbsent(CATEGORY + i.topCategory(), k -> new LinkedHashMap<>())
                        .merge(i.productId(), score, Double::sum);
            }
            for (String segment : i.segments()) {
                increments
                        .computeIfAbsent(SEGMENT + segment, k -> new LinkedHashMap<>())
                        .merge(i.productId(), score, Double::sum);
            }
        }
        List<Request> requests = new ArrayList<>();
        increments.forEach((key, scores) -> {
            scores.forEach((product, score) -> requests.add(
                    Request.cmd(Command.ZINCRBY).arg(key).arg(score).arg(product)));
            requests.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0).arg(-(KEEP + 1)));
        });
        return redis.batch(requests).replaceWithVoid();
    }

    /** The most popular product ids overall, best first. */
    public Uni<List<String>> top(int count) {
        return range(OVERALL, count);
    }

    /** The most popular product ids of a top category, best first. */
    public Uni<List<String>> topInCategory(String category, int count) {
        return range(CATEGORY + category, count);
    }

    /** The most popular product ids among the shoppers of a segment, best first. */
    public Uni<List<String>> topInSegment(String segment, int count) {
        return range(SEGMENT + segment, count);
    }

    private Uni<List<String>> range(String key, int count) {
        return redis.send(Request.cmd(Command.ZRANGE)
                        .arg(key)
                        .arg(0)
                        .arg(count - 1)
                        .arg("REV"))
                .map(TrendingStore::ids);
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        if (response != null) {
            response.forEach(item -> ids.add(item.toString()));
        }
        return ids;
    }
}
