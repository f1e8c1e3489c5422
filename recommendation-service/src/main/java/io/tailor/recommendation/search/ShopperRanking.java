package io.tailor.recommendation.search;

import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.recommendation.catalog.CatalogProduct;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much one shopper would like a product, beyond what a query or a list already says: their decayed affinity to
 * its top category and brand (normalized by their strongest affinity) and how popular it is right now. A boost of 1
 * means nothing is known; at most 2.
 */
public final class ShopperRanking {

    static final double CATEGORY_WEIGHT = 0.5;
    static final double BRAND_WEIGHT = 0.3;
    static final double POPULARITY_WEIGHT = 0.2;
    /** An affinity at least this strong (relative to the shopper's strongest) is named in the reason. */
    static final double NAMED_AFFINITY = 0.3;

    private final Map<String, Double> categories;
    private final Map<String, Double> brands;
    private final Map<String, Double> popularity = new HashMap<>();

    /** A boost and the words that explain it (empty when nothing personal or popular applies). */
    public record Boost(double factor, String because) {}

    /**
     * @param profile the shopper's hot profile when personalization is allowed, else empty
     * @param popular product ids, most popular first
     */
    public ShopperRanking(Optional<ProfileSnapshot> profile, List<String> popular) {
        this.categories =
                normalized(profile.map(ProfileSnapshot::categoryAffinity).orElse(null));
        this.brands = normalized(profile.map(ProfileSnapshot::brandAffinity).orElse(null));
        for (int i = 0; i < popular.size(); i++) {
            popularity.putIfAbsent(popular.get(i), 1.0 - (double) i / popular.size());
        }
    }

    public Boost boost(CatalogProduct product) {
        double category = product.topCategory() == null ? 0 : categories.getOrDefault(product.topCategory(), 0.0);
        double brand = product.brand() == null ? 0 : brands.getOrDefault(product.brand(), 0.0);
        double popular = popularity.getOrDefault(product.id(), 0.0);
        double factor = 1 + CATEGORY_WEIGHT * category + BRAND_WEIGHT * brand + POPULARITY_WEIGHT * popular;
        StringBuilder because = new StringBuilder();
        if (category >= NAMED_AFFINITY) {
            because.append("you often browse ").append(product.topCategory());
        }
        if (brand >= NAMED_AFFINITY) {
            because.append(because.isEmpty() ? "" : "; ").append("you like ").append(product.brand());
        }
        if (popular > 0.5) {
            because.append(because.isEmpty() ? "" : "; ").append("popular right now");
        }
        return new Boost(factor, because.toString());
    }

    /** Whether anything about the shopper is known (affinities); popularity alone is not personal. */
    public boolean personal() {
        return !categories.isEmpty() || !brands.isEmpty();
    }

    private static Map<String, Double> normalized(Map<String, Double> affinities) {
        if (affinities == null || affinities.isEmpty()) {
            return Map.of();
        }
        double max = affinities.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        if (max <= 0) {
            return Map.of();
        }
        Map<String, Double> out = new HashMap<>();
        affinities.forEach((k, v) -> out.put(k, Math.max(0, v / max)));
        return out;
    }
}
