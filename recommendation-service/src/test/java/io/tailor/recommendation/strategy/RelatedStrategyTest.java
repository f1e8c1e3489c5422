package io.tailor.recommendation.strategy;

import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.product;
import static io.tailor.recommendation.strategy.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelatedStrategyTest {

    private static final List<String> SHOES = List.of("Running", "Shoes");

    private final CatalogIndex catalog = Fixtures.catalog(
            product("pegasus", "Pegasus trail running shoe", SHOES, "Nike", 120),
            product("vomero", "Vomero road running shoe", SHOES, "Nike", 140),
            product("socks", "Running socks", List.of("Running", "Socks"), "Nike", 12),
            product("kettle", "Electric kettle", List.of("Kitchen"), "Bosch", 40),
            product("clifton", "Clifton running shoe", SHOES, "Hoka", 130));

    @Test
    void coViewedProductsComeFirstWithTheirReasonThenSimilarOnes() {
        CoOccurrence coView = new CoOccurrence(100, 50);
        for (int s = 0; s < 3; s++) {
            coView.observeAll("s" + s, List.of("pegasus", "socks"));
        }
        for (int s = 3; s < 10; s++) {
            coView.observe("s" + s, "kettle");
        }
        RelatedStrategy related = new RelatedStrategy(catalog, () -> coView, 2);

        List<Candidate> out = related.candidates(context(Optional.empty(), page("pegasus", null, null)), 10);

        assertThat(ids(out).getFirst()).isEqualTo("socks");
        assertThat(out.getFirst().reason())
                .isEqualTo("Shoppers who viewed Pegasus trail running shoe also viewed this");
        // content similarity: same path and brand and shared words beat same path only; the kitchen never shows
        assertThat(ids(out)).containsSubsequence("socks", "vomero", "clifton").doesNotContain("kettle", "pegasus");
        assertThat(out.get(1).reason()).isEqualTo("Similar to Pegasus trail running shoe");
    }

    @Test
    void aNewProductWithoutViewsStillGetsSimilarProducts() {
        RelatedStrategy related = new RelatedStrategy(catalog, () -> new CoOccurrence(100, 50), 2);
        assertThat(ids(related.candidates(context(Optional.empty(), page("clifton", null, null)), 3)))
                .containsExactly("pegasus", "vomero", "socks");
    }

    @Test
    void withoutAProductOnThePageTheRecentViewsAreTheSeeds() {
        RelatedStrategy related = new RelatedStrategy(catalog, () -> new CoOccurrence(100, 50), 2);
        List<Candidate> out = related.candidates(
                context(Optional.of(profile(Map.of(), List.of("vomero"), Map.of(), List.of())), page(null, null, null)),
                2);
        assertThat(ids(out)).containsExactly("pegasus", "socks");
        assertThat(out.getFirst().reason()).isEqualTo("Similar to Vomero road running shoe");
        assertThat(related.candidates(context(Optional.empty(), page(null, null, null)), 5))
                .isEmpty();
    }
}
