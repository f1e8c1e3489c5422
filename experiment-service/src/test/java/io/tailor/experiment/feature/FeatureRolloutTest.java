package io.tailor.experiment.feature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.experiment.service.TargetingRules;
import io.tailor.rules.RuleEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeatureRolloutTest {

    private static final int UNITS = 100_000;

    private static CompiledFeature.CompiledRule rollout(JsonNode value, double coverage, String seed, int version) {
        return new CompiledFeature.CompiledRule(
                "rollout", Set.of(), null, value, coverage, seed, "id", version, null, Map.of());
    }

    private static CompiledFeature rolloutFeature(double coverage, int version) {
        return new CompiledFeature(
                "new-checkout",
                BooleanNode.FALSE,
                List.of(rollout(BooleanNode.TRUE, coverage, "new-checkout", version)));
    }

    private static FeatureResult eval(CompiledFeature f, ShopperRef shopper) {
        return f.evaluate(shopper, Map.of(), rule -> true, Map.of());
    }

    private static Set<String> unitsWithValue(CompiledFeature f) {
        Set<String> in = new HashSet<>();
        for (int i = 0; i < UNITS; i++) {
            String unit = "shopper-" + i;
            if (eval(f, new ShopperRef(unit, null)).value().asBoolean()) {
                in.add(unit);
            }
        }
        return in;
    }

    @Test
    void aTwentyPercentRolloutGivesAboutTwentyPercentOfUnitsTheValueWithBothHashVersions() {
        for (int version : new int[] {1, 2}) {
            Set<String> in = unitsWithValue(rolloutFeature(0.2, version));
            // binomial sd at n=100k, p=0.2 is ~126 units; 1% of the units is ~8 sd
            assertThat(in.size()).as("hash version %d", version).isBetween(19_000, 21_000);
        }
    }

    @Test
    void theSameUnitGetsTheSameValueEveryTime() {
        CompiledFeature f = rolloutFeature(0.5, 2);
        for (int i = 0; i < 1000; i++) {
            ShopperRef shopper = new ShopperRef(UUID.randomUUID().toString(), null);
            FeatureResult first = eval(f, shopper);
            for (int k = 0; k < 5; k++) {
                assertThat(eval(f, shopper)).isEqualTo(first);
            }
            // the same rollout compiled again (another replica, a restart) answers the same
            assertThat(eval(rolloutFeature(0.5, 2), shopper)).isEqualTo(first);
        }
    }

    @Test
    void raisingThePercentageKeepsEveryUnitThatAlreadyHadTheValue() {
        Set<String> at20 = unitsWithValue(rolloutFeature(0.2, 2));
        Set<String> at50 = unitsWithValue(rolloutFeature(0.5, 2));
        Set<String> at100 = unitsWithValue(rolloutFeature(1.0, 2));
        assertThat(at50).containsAll(at20);
        assertThat(at50.size()).isBetween(48_500, 51_500);
        assertThat(at100).hasSize(UNITS);
        assertThat(unitsWithValue(rolloutFeature(0.0, 2))).isEmpty();
    }

    @Test
    void rolloutsWithDifferentSeedsPickIndependentUnits() {
        CompiledFeature a = rolloutFeature(0.5, 2);
        CompiledFeature b = new CompiledFeature(
                "other", BooleanNode.FALSE, List.of(rollout(BooleanNode.TRUE, 0.5, "other-seed", 2)));
        int both = 0;
        for (int i = 0; i < UNITS; i++) {
            ShopperRef s = new ShopperRef("shopper-" + i, null);
            if (eval(a, s).value().asBoolean() && eval(b, s).value().asBoolean()) {
                both++;
            }
        }
        assertThat(both).isBetween(24_000, 26_000);
    }

    @Test
    void rolloutInclusionMatchesGrowthBookCoverage() {
        // GrowthBook's rule coverage: hash(seed, unit) <= coverage, nobody at 0. Hashes from GrowthBook's public SDK
        // cases: hash("", "a", v1) = 0.22, hash("seed", "a", v2) = 0.0505.
        assertThat(CompiledFeature.inRollout("", "a", 1, 0.22)).isTrue();
        assertThat(CompiledFeature.inRollout("", "a", 1, 0.2199)).isFalse();
        assertThat(CompiledFeature.inRollout("seed", "a", 2, 0.0505)).isTrue();
        assertThat(CompiledFeature.inRollout("seed", "a", 2, 0.0504)).isFalse();
        assertThat(CompiledFeature.inRollout("seed", "a", 2, 0)).isFalse();
        assertThat(CompiledFeature.inRollout("seed", null, 2, 1)).isFalse();
    }

    @Test
    void theFirstRuleThatAppliesDecidesElseTheDefault() {
        TargetingRules rules = new TargetingRules();
        RuleEngine.Compiled german =
                rules.compile("request.country == 'DE'", "c").rule();
        CompiledFeature f = new CompiledFeature(
                "banner",
                new TextNode("plain"),
                List.of(
                        new CompiledFeature.CompiledRule(
                                "force", Set.of("vip"), null, new TextNode("gold"), 0, null, "id", 2, null, Map.of()),
                        new CompiledFeature.CompiledRule(
                                "force", Set.of(), german, new TextNode("german"), 0, null, "id", 2, null, Map.of()),
                        new CompiledFeature.CompiledRule(
                                "experiment",
                                Set.of(),
                                null,
                                null,
                                0,
                                null,
                                "id",
                                2,
                                "hero",
                                Map.of("control", new TextNode("small"), "big", new TextNode("big"))),
                        rollout(new TextNode("rolled"), 1.0, "banner", 2)));
        ShopperRef s = new ShopperRef("anon-1", null);
        FeatureResult vip = f.evaluate(s, Map.of("vip", 1), rule -> false, Map.of("hero", "big"));
        assertThat(vip).isEqualTo(new FeatureResult(new TextNode("gold"), "force", 0, null, null));
        FeatureResult de = f.evaluate(s, Map.of(), rule -> rule == german, Map.of("hero", "big"));
        assertThat(de).isEqualTo(new FeatureResult(new TextNode("german"), "force", 1, null, null));
        FeatureResult inExperiment = f.evaluate(s, Map.of(), rule -> false, Map.of("hero", "big"));
        assertThat(inExperiment).isEqualTo(new FeatureResult(new TextNode("big"), "experiment", 2, "hero", "big"));
        FeatureResult rolled = f.evaluate(s, Map.of(), rule -> false, Map.of());
        assertThat(rolled).isEqualTo(new FeatureResult(new TextNode("rolled"), "rollout", 3, null, null));
        FeatureResult nobody = f.evaluate(new ShopperRef(null, null), Map.of(), rule -> false, Map.of());
        assertThat(nobody).isEqualTo(new FeatureResult(new TextNode("plain"), "defaultValue", null, null, null));
    }
}
