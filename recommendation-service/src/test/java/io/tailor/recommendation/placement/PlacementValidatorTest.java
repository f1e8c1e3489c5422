package io.tailor.recommendation.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.event.Violation;
import io.tailor.recommendation.placement.PlacementDefinition.StrategyWeight;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementValidatorTest {

    private final PlacementValidator validator = new PlacementValidator(Set.of("related", "popular"));

    @Test
    void theDefaultPlacementsUseKnownStrategiesOnly() {
        PlacementValidator all = new PlacementValidator(Set.of(
                "recently_viewed",
                "session_next",
                "related",
                "bought_together",
                "similar_shoppers",
                "replenishment",
                "wholesale_reorder",
                "top_in_category",
                "trending",
                "popular",
                "new_arrivals"));
        DefaultPlacements.all()
                .forEach(p -> assertThat(all.validate(p)).as(p.key()).isEmpty());
    }

    @Test
    void everyProblemNamesItsField() {
        PlacementRules rules = new PlacementRules(
                null, -1, null, null, null, List.of(""), null, null, BigDecimal.TEN, BigDecimal.ONE, 0, -3, 1.5, -0.1);
        PlacementDefinition bad = new PlacementDefinition(
                "Bad Key",
                null,
                List.of(
                        new StrategyWeight("nope", 1.0),
                        new StrategyWeight("related", -2.0),
                        new StrategyWeight("related", null)),
                "random",
                List.of("popular", "missing"),
                0,
                rules);
        assertThat(validator.validate(bad))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "key",
                        "strategies[0].name",
                        "strategies[1].weight",
                        "strategies[2].name",
                        "blend",
                        "fallbacks[1]",
                        "defaultLimit",
                        "rules.excludePurchasedWithinDays",
                        "rules.pin[0]",
                        "rules.maxPrice",
                        "rules.maxPerBrand",
                        "rules.maxPerCategory",
                        "rules.diversityLambda",
                        "rules.explorationShare");
        assertThat(validator.validate(bad).get(1).message())
                .startsWith("unknown strategy 'nope'; known: popular, related");
    }

    @Test
    void aMinimalPlacementIsValidAndStrategiesAreRequired() {
        assertThat(validator.validate(new PlacementDefinition(
                        "ok_1", null, List.of(new StrategyWeight("related", null)), null, null, null, null)))
                .isEmpty();
        assertThat(validator.validate(new PlacementDefinition("ok_1", null, List.of(), null, null, null, null)))
                .extracting(Violation::field)
                .containsExactly("strategies");
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("");
    }
}
