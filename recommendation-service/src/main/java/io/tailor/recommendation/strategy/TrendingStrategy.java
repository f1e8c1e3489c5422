package io.tailor.recommendation.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Trending: the most popular products overall by time-decayed popularity (views, cart additions and purchases,
 * half-life 7 days; {@link io.tailor.recommendation.cache.TrendingStore}). Also registered as {@code popular}.
 */
public final class TrendingStrategy implements Strategy {

    public static final String NAME = "trending";
    public static final String POPULAR = "popular";

    private final String name;
    private final String reason;

    public TrendingStrategy(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        List<String> popular = context.popular();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < popular.size() && out.size() < limit; i++) {
            out.add(new Candidate(popular.get(i), popular.size() - i, name, reason));
        }
        return out;
    }
}
