package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.bought;
import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplenishmentStrategyTest {

    @Test
    void productsWhoseUsualIntervalIsNearOrPastComeDueFirst() {
        var shopper = profile(
                Map.of(),
                List.of(),
                Map.of(),
                List.of(
                        bought("coffee", 6, 6, Duration.ofDays(29), 30.0), // due tomorrow
                        bought("filters", 3, 3, Duration.ofDays(75), 60.0), // a bit overdue
                        bought("shampoo", 4, 4, Duration.ofDays(10), 45.0), // not yet
                        bought("tent", 1, 1, Duration.ofDays(400), null), // bought once
                        bought("toner", 2, 2, Duration.ofDays(500), 30.0))); // stopped long ago
        List<Candidate> out =
                new ReplenishmentStrategy().candidates(context(Optional.of(shopper), page(null, null, null)), 10);
        assertThat(ids(out)).containsExactly("coffee", "filters");
        assertThat(out.getFirst().reason()).isEqualTo("You usually reorder every 30 days");
        assertThat(out.get(1).reason()).isEqualTo("You usually reorder every 60 days");
    }

    @Test
    void aNewShopperHasNothingToReorder() {
        assertThat(new ReplenishmentStrategy().candidates(context(Optional.empty(), page(null, null, null)), 5))
                .isEmpty();
    }
}
