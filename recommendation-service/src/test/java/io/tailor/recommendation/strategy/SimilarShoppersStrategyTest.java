package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.bought;
import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.product;
import static io.tailor.recommendation.strategy.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimilarShoppersStrategyTest {

    private final CatalogIndex catalog = Fixtures.catalog(
            product("novel", "Crime novel", List.of("Books"), null, 10),
            product("sequel", "Crime novel 2", List.of("Books"), null, 10),
            product("cookbook", "Cookbook", List.of("Books"), null, 20));

    @Test
    void whatShoppersWithTheSamePurchasesAlsoBoughtButNotWhatTheShopperHas() {
        CoOccurrence histories = new CoOccurrence(1000, 200);
        for (int s = 0; s < 4; s++) {
            histories.observeAll("c:" + s, List.of("novel", "sequel"));
        }
        for (int s = 4; s < 12; s++) {
            histories.observe("c:" + s, "cookbook");
        }
        SimilarShoppersStrategy strategy = new SimilarShoppersStrategy(catalog, () -> histories, 2);
        var shopper = profile(Map.of(), List.of(), Map.of(), List.of(bought("novel", 1, 1, Duration.ofDays(3), null)));
        List<Candidate> out = strategy.candidates(context(Optional.of(shopper), page(null, null, null)), 5);
        assertThat(ids(out)).containsExactly("sequel");
        assertThat(out.getFirst().reason()).isEqualTo("Shoppers who bought Crime novel also bought this");

        var both = profile(
                Map.of(),
                List.of(),
                Map.of(),
                List.of(
                        bought("novel", 1, 1, Duration.ofDays(3), null),
                        bought("sequel", 1, 1, Duration.ofDays(1), null)));
        assertThat(strategy.candidates(context(Optional.of(both), page(null, null, null)), 5))
                .isEmpty();
        assertThat(strategy.candidates(context(Optional.empty(), page(null, null, null)), 5))
                .isEmpty();
    }
}
