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

class NewArrivalsStrategyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private final CatalogIndex catalog = Fixtures.catalog(
            product("run-new", "Racer", List.of("Running"), "A", 100, 5, TODAY.minusDays(2)),
            product("run-older", "Trainer", List.of("Running"), "A", 100, 5, TODAY.minusDays(20)),
            product("run-old", "Classic", List.of("Running"), "A", 100, 5, TODAY.minusDays(200)),
            product("run-future", "Next year", List.of("Running"), "A", 100, 5, TODAY.plusDays(10)),
            product("yoga-new", "Mat", List.of("Yoga"), "B", 30, 5, TODAY.minusDays(1)),
            product("swim-new", "Goggles", List.of("Swim"), "C", 20, 5, TODAY.minusDays(1)));

    @Test
    void newProductsOfTheFavouriteCategoriesByAffinityAndFreshness() {
        var shopper = profile(Map.of(), List.of(), Map.of("Running", 0.7, "Yoga", 0.2), List.of());
        List<Candidate> out = new NewArrivalsStrategy(catalog, 30)
                .candidates(context(Optional.of(shopper), page(null, null, null)), 10);
        assertThat(ids(out)).containsExactly("run-new", "run-older", "yoga-new");
        assertThat(out.getFirst().reason()).isEqualTo("New in Running");
        assertThat(out.getLast().reason()).isEqualTo("New in Yoga");
    }

    @Test
    void aNewShopperSeesNewArrivalsOfThePageCategoryOrOfEveryCategory() {
        NewArrivalsStrategy strategy = new NewArrivalsStrategy(catalog, 30);
        assertThat(ids(strategy.candidates(context(Optional.empty(), page(null, List.of("Swim"), null)), 10)))
                .containsExactly("swim-new");
        assertThat(ids(strategy.candidates(context(Optional.empty(), page(null, null, null)), 10)))
                .containsExactlyInAnyOrder("run-new", "run-older", "yoga-new", "swim-new");
    }
}
