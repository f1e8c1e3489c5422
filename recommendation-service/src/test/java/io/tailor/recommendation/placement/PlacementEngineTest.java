package io.tailor.recommendation.placement;

import static io.tailor.recommendation.strategy.Fixtures.bought;
import static io.tailor.recommendation.strategy.Fixtures.context;
import static io.tailor.recommendation.strategy.Fixtures.ids;
import static io.tailor.recommendation.strategy.Fixtures.page;
import static io.tailor.recommendation.strategy.Fixtures.product;
import static io.tailor.recommendation.strategy.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.placement.PlacementDefinition.StrategyWeight;
import io.tailor.recommendation.strategy.Candidate;
import io.tailor.recommendation.strategy.Fixtures;
import io.tailor.recommendation.strategy.RecommendationContext;
import io.tailor.recommendation.strategy.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementEngineTest {

    /** A strategy that proposes fixed products, best first. */
    private record Fixed(String name, List<String> ids) implements Strategy {
        @Override
        public List<Candidate> candidates(RecommendationContext context, int limit) {
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < ids.size() && i < limit; i++) {
                out.add(new Candidate(ids.get(i), ids.size() - i, name, name + " reason"));
            }
            return out;
        }
    }

    // ten shoes (brand A or B), five shirts, a sold-out shoe, an expensive shirt
    private final CatalogIndex catalog = catalog();

    private static CatalogIndex catalog() {
        List<CatalogProduct> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(product("shoe" + i, "Shoe " + i, List.of("Shoes", "Running"), i % 2 == 0 ? "A" : "B", 50));
        }
        for (int i = 0; i < 5; i++) {
            all.add(product("shirt" + i, "Shirt " + i, List.of("Shirts"), "C", 20));
        }
        all.add(product("soldout", "Sold out", List.of("Shoes", "Running"), "A", 50, 0, null));
        all.add(product("luxury", "Luxury shirt", List.of("Shirts"), "D", 500));
        return Fixtures.catalog(all.toArray(CatalogProduct[]::new));
    }

    private static final List<String> SHOES_FIRST = List.of(
            "shoe0", "soldout", "shoe1", "shoe2", "shoe3", "shoe4", "shoe5", "shoe6", "shoe7", "shoe8", "shoe9",
            "luxury", "shirt0", "shirt1", "shirt2", "shirt3", "shirt4");

    private PlacementEngine engine(Impressions impressions) {
        return new PlacementEngine(
                catalog,
                Map.of(
                        "main", new Fixed("main", SHOES_FIRST),
                        "other", new Fixed("other", List.of("shirt4", "shoe9")),
                        "empty", new Fixed("empty", List.of()),
                        "backup", new Fixed("backup", List.of("shirt3", "shirt2"))),
                impressions);
    }

    private static PlacementDefinition placement(
            List<String> strategies, String blend, List<String> fallbacks, PlacementRules rules) {
        return new PlacementDefinition(
                "test",
                null,
                strategies.stream().map(s -> new StrategyWeight(s, null)).toList(),
                blend,
                fallbacks,
                8,
                rules);
    }

    private static PlacementRules rules(
            List<String> pin,
            List<String> boost,
            List<String> bury,
            Integer maxPerBrand,
            Integer maxPerCategory,
            Double lambda,
            Double exploration) {
        return new PlacementRules(
                null,
                null,
                null,
                null,
                null,
                pin,
                boost,
                bury,
                null,
                null,
                maxPerBrand,
                maxPerCategory,
                lambda,
                exploration);
    }

    private RecommendationContext anonymous() {
        return context(Optional.empty(), page(null, null, null));
    }

    @Test
    void inStockOnlyByDefaultAndTheProductOnThePageAndTheCartAreLeftOut() {
        var filled = engine(new Impressions())
                .fill(
                        placement(List.of("main"), null, null, null),
                        4,
                        context(Optional.empty(), page("shoe0", null, List.of("shoe1"))));
        assertThat(ids(filled.items())).containsExactly("shoe2", "shoe3", "shoe4", "shoe5");
        assertThat(filled.fallback()).isFalse();
        assertThat(filled.items().getFirst().reason()).isEqualTo("main reason");

        PlacementRules anyStock = new PlacementRules(
                false, null, false, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(ids(engine(new Impressions())
                        .fill(
                                placement(List.of("main"), null, null, anyStock),
                                3,
                                context(Optional.empty(), page(null, null, List.of("shoe1"))))
                        .items()))
                .containsExactly("shoe0", "soldout", "shoe1");
    }

    @Test
    void fallbacksFillWhatTheStrategiesLeaveAndAreFlagged() {
        var filled = engine(new Impressions())
                .fill(placement(List.of("empty"), null, List.of("backup"), null), 4, anonymous());
        assertThat(ids(filled.items())).containsExactly("shirt3", "shirt2");
        assertThat(filled.fallback()).isTrue();
        var topped = engine(new Impressions())
                .fill(placement(List.of("other"), null, List.of("backup"), null), 4, anonymous());
        assertThat(ids(topped.items())).containsExactly("shirt4", "shoe9", "shirt3", "shirt2");
        assertThat(topped.fallback()).isFalse();
    }

    @Test
    void orderedAndWeightedBlends() {
        assertThat(ids(engine(new Impressions())
                        .fill(
                                placement(List.of("other", "main"), PlacementDefinition.ORDERED, null, null),
                                3,
                                anonymous())
                        .items()))
                .containsExactly("shirt4", "shoe9", "shoe0");
        // weighted: shoe9 and shirt4 are proposed by both, so they add up and lead
        PlacementDefinition weighted = new PlacementDefinition(
                "w",
                null,
                List.of(new StrategyWeight("main", 1.0), new StrategyWeight("other", 1.0)),
                PlacementDefinition.WEIGHTED,
                null,
                8,
                null);
        assertThat(ids(engine(new Impressions()).fill(weighted, 3, anonymous()).items()))
                .containsExactlyInAnyOrder("shoe9", "shirt4", "shoe0");
    }

    @Test
    void categoryPriceAndPurchaseRules() {
        PlacementRules shirtsUnder100 = new PlacementRules(
                null,
                null,
                null,
                List.of("shirts"),
                null,
                null,
                null,
                null,
                BigDecimal.ZERO,
                BigDecimal.valueOf(100),
                null,
                null,
                null,
                null);
        assertThat(ids(engine(new Impressions())
                        .fill(placement(List.of("main"), null, null, shirtsUnder100), 8, anonymous())
                        .items()))
                .containsExactly("shirt0", "shirt1", "shirt2", "shirt3", "shirt4");
        PlacementRules noRunning = new PlacementRules(
                null, null, null, null, List.of("Running"), null, null, null, null, null, null, null, null, null);
        assertThat(ids(engine(new Impressions())
                        .fill(placement(List.of("main"), null, null, noRunning), 2, anonymous())
                        .items()))
                .containsExactly("luxury", "shirt0");
        var buyer = profile(
                Map.of(),
                List.of(),
                Map.of(),
                List.of(
                        bought("shoe0", 1, 1, Duration.ofDays(10), null),
                        bought("shoe2", 1, 1, Duration.ofDays(100), null)));
        PlacementRules notBoughtIn30Days =
                new PlacementRules(null, 30, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(ids(engine(new Impressions())
                        .fill(
                                placement(List.of("main"), null, null, notBoughtIn30Days),
                                2,
                                context(Optional.of(buyer), page(null, null, null)))
                        .items()))
                .containsExactly("shoe1", "shoe2");
    }

    @Test
    void pinBoostAndBury() {
        PlacementRules merchandised =
                rules(List.of("shirt4", "soldout", "nope"), List.of("shoe5"), List.of("shoe0"), null, null, null, null);
        List<Candidate> items = engine(new Impressions())
                .fill(placement(List.of("main"), null, null, merchandised), 4, anonymous())
                .items();
        // pinned first (sold out and unknown pins skipped), then boosted, then the rest; shoe0 buried
        assertThat(ids(items)).containsExactly("shirt4", "shoe5", "shoe1", "shoe2");
        assertThat(items.getFirst().reason()).isEqualTo("main reason");
    }

    @Test
    void brandAndCategoryCaps() {
        assertThat(ids(engine(new Impressions())
                        .fill(
                                placement(List.of("main"), null, null, rules(null, null, null, 2, null, null, null)),
                                6,
                                anonymous())
                        .items()))
                .containsExactly("shoe0", "shoe1", "shoe2", "shoe3", "luxury", "shirt0");
        assertThat(ids(engine(new Impressions())
                        .fill(
                                placement(List.of("main"), null, null, rules(null, null, null, null, 3, null, null)),
                                6,
                                anonymous())
                        .items()))
                .containsExactly("shoe0", "shoe1", "shoe2", "luxury", "shirt0", "shirt1");
    }

    @Test
    void mmrRaisesIntraListDiversity() {
        List<Candidate> plain = engine(new Impressions())
                .fill(placement(List.of("main"), null, null, null), 6, anonymous())
                .items();
        List<Candidate> diverse = engine(new Impressions())
                .fill(
                        placement(List.of("main"), null, null, rules(null, null, null, null, null, 0.5, null)),
                        6,
                        anonymous())
                .items();
        assertThat(PlacementEngine.intraListDiversity(products(plain))).isZero();
        assertThat(PlacementEngine.intraListDiversity(products(diverse))).isGreaterThan(0.3);
        assertThat(ids(diverse).getFirst()).isEqualTo("shoe0");
        assertThat(ids(diverse).subList(0, 2)).containsExactly("shoe0", "luxury");
    }

    @Test
    void theExplorationShareGoesToTheLeastShownCandidatesAndRaisesCoverage() {
        Impressions impressions = new Impressions();
        PlacementEngine engine = engine(impressions);
        PlacementDefinition exploring =
                placement(List.of("main"), null, null, rules(null, null, null, null, null, null, 0.5));
        Set<String> covered = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            List<Candidate> items = engine.fill(exploring, 4, anonymous()).items();
            assertThat(ids(items).subList(0, 2)).containsExactly("shoe0", "shoe1");
            covered.addAll(ids(items));
        }
        Set<String> exploitOnly = new java.util.HashSet<>();
        PlacementEngine plain = engine(new Impressions());
        for (int i = 0; i < 5; i++) {
            exploitOnly.addAll(ids(plain.fill(placement(List.of("main"), null, null, null), 4, anonymous())
                    .items()));
        }
        assertThat(exploitOnly).hasSize(4);
        assertThat(covered.size()).isGreaterThanOrEqualTo(2 + 5 * 2 - 1);
    }

    private List<CatalogProduct> products(List<Candidate> items) {
        return items.stream().map(c -> catalog.get(c.productId()).orElseThrow()).toList();
    }
}
