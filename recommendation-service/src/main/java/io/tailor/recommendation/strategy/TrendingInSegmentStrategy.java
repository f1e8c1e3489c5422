package io.tailor.recommendation.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trending within the shopper's segments: the products most popular (time-decayed, as {@link TrendingStrategy})
 * among the shoppers of the segments this shopper is in, e.g. what other wholesale accounts or other paid-social
 * visitors are buying. Lists of several segments are merged by rank. Nothing for a shopper in no segment (a
 * placement's fallbacks take over).
 */
public final class TrendingInSegmentStrategy implements Strategy {

    public static final String NAME = "trending_in_segment";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> segmentOf = new LinkedHashMap<>();
        context.popularInSegment().forEach((segment, products) -> {
            for (int i = 0; i < products.size(); i++) {
                String product = products.get(i);
                double score = products.size() - i;
                if (scores.merge(product, score, Double::sum) == score) {
                    segmentOf.put(product, segment);
                }
            }
        });
        List<Candidate> out = new ArrayList<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.add(new Candidate(
                        e.getKey(),
                        e.getValue(),
                        NAME,
                        "Popular with shoppers like you (" + segmentOf.get(e.getKey()) + ")")));
        return out;
    }
}
