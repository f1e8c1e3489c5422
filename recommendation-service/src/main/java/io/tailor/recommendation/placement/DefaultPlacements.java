package io.tailor.recommendation.placement;

import io.tailor.recommendation.placement.PlacementDefinition.StrategyWeight;
import io.tailor.recommendation.strategy.BoughtTogetherStrategy;
import io.tailor.recommendation.strategy.NewArrivalsStrategy;
import io.tailor.recommendation.strategy.RecentlyViewedStrategy;
import io.tailor.recommendation.strategy.RelatedStrategy;
import io.tailor.recommendation.strategy.ReplenishmentStrategy;
import io.tailor.recommendation.strategy.SessionNextStrategy;
import io.tailor.recommendation.strategy.SimilarShoppersStrategy;
import io.tailor.recommendation.strategy.TopInCategoryStrategy;
import io.tailor.recommendation.strategy.TrendingStrategy;
import io.tailor.recommendation.strategy.WholesaleReorderStrategy;
import java.math.BigDecimal;
import java.util.List;

/** The placements every store starts with; stored at start when their key is missing, editable afterwards. */
public final class DefaultPlacements {

    private DefaultPlacements() {}

    public static List<PlacementDefinition> all() {
        return List.of(
                ordered(
                        "home_for_you",
                        "Home page: what the shopper viewed, what similar sessions and shoppers went on to",
                        List.of(RecentlyViewedStrategy.NAME, SessionNextStrategy.NAME, SimilarShoppersStrategy.NAME),
                        List.of(TrendingStrategy.POPULAR),
                        null),
                ordered(
                        "next_in_session",
                        "What shoppers with a similar session viewed next",
                        List.of(SessionNextStrategy.NAME),
                        List.of(TrendingStrategy.POPULAR),
                        null),
                ordered(
                        "recently_viewed",
                        "The shopper's recently viewed products",
                        List.of(RecentlyViewedStrategy.NAME),
                        List.of(),
                        null),
                ordered("popular", "Most popular overall", List.of(TrendingStrategy.POPULAR), List.of(), null),
                new PlacementDefinition(
                        "product_page_related",
                        "Product page: viewed together and similar products, diversified over categories",
                        List.of(
                                new StrategyWeight(RelatedStrategy.NAME, 1.0),
                                new StrategyWeight(SessionNextStrategy.NAME, 0.5)),
                        PlacementDefinition.WEIGHTED,
                        List.of(TopInCategoryStrategy.NAME, TrendingStrategy.POPULAR),
                        8,
                        rules(null, 3, 0.8)),
                ordered(
                        "cart_complementary",
                        "Cart: products often bought with what is in the cart",
                        List.of(BoughtTogetherStrategy.NAME),
                        List.of(TopInCategoryStrategy.NAME, TrendingStrategy.POPULAR),
                        rules(30, null, null)),
                ordered(
                        "reorder",
                        "Products due to be reordered, then a wholesale account's reorder list",
                        List.of(ReplenishmentStrategy.NAME, WholesaleReorderStrategy.NAME),
                        List.of(),
                        null),
                ordered(
                        "new_arrivals",
                        "New products in the shopper's favourite categories",
                        List.of(NewArrivalsStrategy.NAME),
                        List.of(TopInCategoryStrategy.NAME, TrendingStrategy.POPULAR),
                        rules(null, null, 0.7)));
    }

    private static PlacementDefinition ordered(
            String key, String description, List<String> strategies, List<String> fallbacks, PlacementRules rules) {
        return new PlacementDefinition(
                key,
                description,
                strategies.stream().map(s -> new StrategyWeight(s, null)).toList(),
                PlacementDefinition.ORDERED,
                fallbacks,
                PlacementDefinition.DEFAULT_LIMIT,
                rules);
    }

    private static PlacementRules rules(Integer excludePurchasedWithinDays, Integer maxPerBrand, Double lambda) {
        return new PlacementRules(
                null,
                excludePurchasedWithinDays,
                null,
                null,
                null,
                null,
                null,
                null,
                (BigDecimal) null,
                null,
                maxPerBrand,
                null,
                lambda,
                null);
    }
}
