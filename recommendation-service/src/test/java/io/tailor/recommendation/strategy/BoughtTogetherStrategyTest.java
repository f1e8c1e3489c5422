package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoughtTogetherStrategyTest {

    private final CatalogIndex catalog = Fixtures.catalog(
            product("camera", "Mirrorless camera", List.of("Photo"), "Fuji", 900),
            product("card", "SD card 128GB", List.of("Photo"), "Sandisk", 30),
            product("bag", "Camera bag", List.of("Photo"), "Peak", 80),
            product("bread", "Sourdough bread", List.of("Food"), null, 4));

    private CoOccurrence orders() {
        CoOccurrence orders = new CoOccurrence(1000, 50);
        for (int i = 0; i < 30; i++) {
            orders.observe("o" + i, "bread"); // in every order: no association
        }
        for (int i = 0; i < 4; i++) {
            orders.observeAll("o" + i, List.of("camera", "card"));
        }
        for (int i = 4; i < 6; i++) {
            orders.observeAll("o" + i, List.of("camera", "bag"));
        }
        return orders;
    }

    @Test
    void productsOftenInTheSameOrdersAsTheCartByLiftNotByCount() {
        CoOccurrence orders = orders();
        BoughtTogetherStrategy strategy = new BoughtTogetherStrategy(catalog, () -> orders, 2);
        List<Candidate> out = strategy.candidates(context(Optional.empty(), page(null, null, List.of("camera"))), 5);
        assertThat(ids(out)).containsExactly("card", "bag");
        assertThat(out.getFirst().reason()).isEqualTo("Often bought with Mirrorless camera");
        assertThat(out.getFirst().strategy()).isEqualTo(BoughtTogetherStrategy.NAME);
    }

    @Test
    void theMinimumSupportAndTheCartItselfAreRespected() {
        CoOccurrence orders = orders();
        BoughtTogetherStrategy strict = new BoughtTogetherStrategy(catalog, () -> orders, 3);
        assertThat(ids(strict.candidates(context(Optional.empty(), page("camera", null, List.of("card"))), 5)))
                .isEmpty();
        assertThat(strict.candidates(context(Optional.empty(), page(null, null, null)), 5))
                .isEmpty();
    }
}
