package io.tailor.recommendation.strategy;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Products, profiles and contexts for the strategy and placement unit tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private Fixtures() {}

    public static CatalogProduct product(String id, String title, List<String> path, String brand, double price) {
        return product(id, title, path, brand, price, 10, null);
    }

    public static CatalogProduct product(
            String id, String title, List<String> path, String brand, double price, Integer stock, LocalDate launch) {
        return new CatalogProduct(
                id,
                title,
                null,
                path,
                brand,
                Map.of(),
                BigDecimal.valueOf(price),
                "EUR",
                stock,
                launch,
                null,
                null,
                true);
    }

    public static CatalogIndex catalog(CatalogProduct... products) {
        CatalogIndex index = new CatalogIndex();
        index.putAll(List.of(products));
        return index;
    }

    public static ProfileSnapshot profile(
            Map<String, String> traits,
            List<String> recentlyViewed,
            Map<String, Double> categoryAffinity,
            List<PurchaseStats> purchases) {
        List<RecentView> views = recentlyViewed.stream()
                .map(id -> new RecentView(id, NOW.minus(Duration.ofMinutes(5))))
                .toList();
        return new ProfileSnapshot(
                "p1",
                1,
                null,
                List.of("a1"),
                traits,
                null,
                NOW,
                NOW,
                1,
                1,
                1,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                views,
                null,
                categoryAffinity,
                Map.of(),
                Map.of(),
                purchases,
                null,
                null,
                null,
                null,
                null);
    }

    public static PurchaseStats bought(String id, int orders, int units, Duration ago, Double intervalDays) {
        return new PurchaseStats(id, orders, units, NOW.minus(Duration.ofDays(400)), NOW.minus(ago), intervalDays);
    }

    public static RequestContext page(String productId, List<String> categoryPath, List<String> cart) {
        return new RequestContext(null, null, productId, categoryPath, null, cart, null, null, null, null, null);
    }

    public static RecommendationContext context(Optional<ProfileSnapshot> profile, RequestContext page) {
        return context(profile, page, List.of(), Map.of());
    }

    public static RecommendationContext context(
            Optional<ProfileSnapshot> profile,
            RequestContext page,
            List<String> popular,
            Map<String, List<String>> popularInCategory) {
        Set<String> excluded = page.productId() == null ? Set.of() : Set.of(page.productId());
        return new RecommendationContext(profile, page, excluded, NOW, popular, popularInCategory);
    }

    public static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::productId).toList();
    }
}
