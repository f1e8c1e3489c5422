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

class WholesaleReorderStrategyTest {

    private static final List<io.tailor.contracts.profile.PurchaseStats> HISTORY = List.of(
            bought("gloves", 2, 200, Duration.ofDays(3), 20.0),
            bought("masks", 9, 900, Duration.ofDays(40), 10.0),
            bought("aprons", 2, 50, Duration.ofDays(90), 30.0),
            bought("caps", 1, 1, Duration.ofDays(1), null));

    @Test
    void aWholesaleAccountGetsEverythingItBuysMostOftenOrderedFirst() {
        List<Candidate> out = new WholesaleReorderStrategy()
                .candidates(
                        context(
                                Optional.of(profile(Map.of("accountType", "wholesale"), List.of(), Map.of(), HISTORY)),
                                page(null, null, null)),
                        10);
        assertThat(ids(out)).containsExactly("masks", "gloves", "aprons", "caps");
        assertThat(out.getFirst().reason()).isEqualTo("On your reorder list: ordered 9 times, 900 units");
        assertThat(out.getLast().reason()).isEqualTo("On your reorder list: ordered once, 1 unit");
    }

    @Test
    void retailShoppersGetNoReorderList() {
        assertThat(new WholesaleReorderStrategy()
                        .candidates(
                                context(
                                        Optional.of(
                                                profile(Map.of("accountType", "retail"), List.of(), Map.of(), HISTORY)),
                                        page(null, null, null)),
                                10))
                .isEmpty();
    }
}
