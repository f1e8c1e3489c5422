package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.product;
import static io.tailor.recommendation.strategy.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.catalog.CatalogIndex;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopInCategoryStrategyTest {

    private final CatalogIndex catalog = Fixtures.catalog(
            product("r1", "Racer", List.of("Running", "Shoes"), "A", 100),
            product("r2", "Trainer", List.of("Running", "Shoes"), "A", 100),
            product("y1", "Mat", List.of("Yoga"), "B", 30, 5, LocalDate.of(2026, 5, 1)),
            product("y2", "Block", List.of("Yoga"), "B", 10, 5, LocalDate.of(2026, 5, 20)));

    private final Map<String, List<String>> popular = Map.of("Running", List.of("r2", "r1"));

    @Test
    void theMostPopularOfTheCategoryOfThePageOrOfTheProductOnIt() {
        TopInCategoryStrategy strategy = new TopInCategoryStrategy(catalog);
        List<Candidate> out = strategy.candidates(
                context(Optional.empty(), page(null, List.of("Running"), null), List.of(), popular), 5);
        assertThat(ids(out)).containsExactly("r2", "r1");
        assertThat(out.getFirst().reason()).isEqualTo("Top in Running");
        assertThat(TopInCategoryStrategy.categories(
                        context(Optional.empty(), page("r1", null, null), List.of(), popular), catalog))
                .containsExactly("Running");
    }

    @Test
    void theFavouriteCategoryForAShopperAndTheNewestProductsWhenNothingIsPopularYet() {
        var shopper = profile(Map.of(), List.of(), Map.of("Yoga", 0.9, "Running", 0.1), List.of());
        List<Candidate> out = new TopInCategoryStrategy(catalog)
                .candidates(context(Optional.of(shopper), page(null, null, null), List.of(), popular), 3);
        // Yoga has no popularity yet: its newest products; then Running's most popular
        assertThat(ids(out)).containsExactly("y2", "y1", "r2");
        assertThat(out.getFirst().reason()).isEqualTo("Top in Yoga");
    }
}
