package io.tailor.recommendation.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoOccurrenceTest {

    @Test
    void significantPairsBeatPairsWithABestseller() {
        CoOccurrence model = new CoOccurrence(1000, 50);
        // "bestseller" is in every basket; "filters" goes with "coffee maker" in 4 of 5 of its baskets
        for (int i = 0; i < 40; i++) {
            model.observe("o" + i, "bestseller");
        }
        for (int i = 0; i < 5; i++) {
            model.observe("o" + i, "coffee-maker");
        }
        for (int i = 0; i < 4; i++) {
            model.observe("o" + i, "filters");
        }
        for (int i = 10; i < 30; i++) {
            model.observe("o" + i, "mug");
        }
        model.observe("o0", "mug");
        model.observe("o1", "mug");

        List<CoOccurrence.Neighbour> neighbours = model.neighbours("coffee-maker", 2, 10);
        // bestseller is with coffee-maker 5 times, but no more than chance (lift 1): not an association
        assertThat(neighbours).extracting(CoOccurrence.Neighbour::item).containsExactly("filters");
        CoOccurrence.Neighbour filters = neighbours.getFirst();
        assertThat(filters.support()).isEqualTo(4);
        assertThat(filters.lift()).isCloseTo(40.0 * 4 / (5 * 4), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(filters.llr()).isPositive();
        // mug co-occurs twice with coffee-maker, but less than chance: filtered out
        assertThat(model.neighbours("coffee-maker", 1, 10))
                .extracting(CoOccurrence.Neighbour::item)
                .doesNotContain("bestseller", "mug");
    }

    @Test
    void minimumSupportHidesOneOffPairs() {
        CoOccurrence model = new CoOccurrence(1000, 50);
        model.observeAll("o1", List.of("a", "b"));
        for (int i = 2; i < 20; i++) {
            model.observe("o" + i, "c" + i);
        }
        assertThat(model.neighbours("a", 2, 10)).isEmpty();
        assertThat(model.neighbours("a", 1, 10))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactly("b");
    }

    @Test
    void redeliveredObservationsCountOnceAndUpdatesAreIncremental() {
        CoOccurrence model = new CoOccurrence(1000, 50);
        model.observeAll("s1", List.of("a", "b"));
        assertThat(model.observe("s1", "b")).isFalse();
        model.observeAll("s2", List.of("a", "b"));
        model.observeAll("s3", List.of("c"));
        model.observeAll("s4", List.of("d"));
        assertThat(model.neighbours("a", 2, 10)).singleElement().satisfies(n -> {
            assertThat(n.item()).isEqualTo("b");
            assertThat(n.support()).isEqualTo(2);
        });
        assertThat(model.groups()).isEqualTo(4);
        assertThat(model.pairs()).isEqualTo(1);
    }

    @Test
    void groupsAndGroupSizesAreBounded() {
        CoOccurrence model = new CoOccurrence(2, 3);
        model.observeAll("g", List.of("a", "b", "c", "d"));
        assertThat(model.pairs()).isEqualTo(3); // d was beyond the group size
        model.observe("h", "x");
        model.observe("i", "y");
        // g was evicted: a new item there starts a new group rather than pairing with a, b, c
        model.observe("g", "z");
        assertThat(model.neighbours("z", 1, 10)).isEmpty();
    }

    @Test
    void llrIsZeroForIndependenceAndGrowsWithAssociation() {
        assertThat(CoOccurrence.llr(10, 10, 10, 10)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CoOccurrence.llr(20, 0, 0, 20)).isGreaterThan(CoOccurrence.llr(15, 5, 5, 15));
    }

    @Test
    void anAnswerIsRecomputedWhenTheItemsPairsChange() {
        CoOccurrence model = new CoOccurrence(1000, 50);
        for (int i = 0; i < 10; i++) {
            model.observe("x" + i, "filler");
        }
        model.observeAll("g1", List.of("a", "b"));
        model.observeAll("g2", List.of("a", "b"));
        assertThat(model.neighbours("a", 2, 5))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactly("b");
        model.observeAll("g3", List.of("a", "c"));
        model.observeAll("g4", List.of("a", "c"));
        model.observeAll("g5", List.of("a", "c"));
        assertThat(model.neighbours("a", 2, 5))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactly("c", "b");
        assertThat(model.neighbours("a", 2, 1))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactly("c");
    }

    @Test
    void manyItemsEachKeepTheirOwnCounts() {
        // more items than the model first makes room for, in a chain: item i goes with item i + 1, twice
        CoOccurrence model = new CoOccurrence(10_000, 50);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 199; i++) {
                model.observeAll("r" + round + "-g" + i, List.of("item-" + i, "item-" + (i + 1)));
            }
        }
        assertThat(model.items()).isEqualTo(200);
        assertThat(model.pairs()).isEqualTo(199);
        assertThat(model.neighbours("item-1", 2, 5))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactlyInAnyOrder("item-0", "item-2");
        assertThat(model.neighbours("item-0", 2, 5))
                .extracting(CoOccurrence.Neighbour::item)
                .containsExactly("item-1");
        assertThat(model.neighbours("item-150", 2, 5))
                .extracting(CoOccurrence.Neighbour::support)
                .containsOnly(2);
        assertThat(model.neighbours("item-unknown", 1, 5)).isEmpty();
    }
}
