package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendingStrategyTest {

    @Test
    void theTimeDecayedPopularityOrderWithItsReason() {
        TrendingStrategy trending = new TrendingStrategy(TrendingStrategy.NAME, "Trending now");
        List<Candidate> out = trending.candidates(
                context(Optional.empty(), page(null, null, null), List.of("a", "b", "c"), Map.of()), 2);
        assertThat(ids(out)).containsExactly("a", "b");
        assertThat(out).allSatisfy(c -> {
            assertThat(c.reason()).isEqualTo("Trending now");
            assertThat(c.strategy()).isEqualTo("trending");
        });
        assertThat(out.get(0).score()).isGreaterThan(out.get(1).score());
    }
}
