package io.tailor.recommendation.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionKnnTest {

    // items: A=0 B=1 C=2 D=3 E=4 F=5 X=6 Y=7
    private static final int A = 0, B = 1, C = 2, D = 3, E = 4, F = 5, X = 6, Y = 7;

    private static SessionIndex index(int[][] sessions, long[] times) {
        return SessionIndex.of(sessions, times, 8);
    }

    @Test
    void sknnScoresItemsBySimilarityOfTheSessionsTheyAppearIn() {
        SessionIndex index = index(new int[][] {{A, B, C}, {A, D}, {E, F}}, new long[] {100, 200, 300});
        SessionKnn sknn = SessionKnn.sknn(index, new SessionKnn.Parameters(10, 10, 0, 0, 0));

        int[] top = sknn.recommend(new int[] {A, B}, 1_000, 10);

        // sim({A,B},{A,B,C}) = 2/sqrt(6) = 0.816 > sim({A,B},{A,D}) = 1/sqrt(4) = 0.5; {E,F} shares nothing
        assertThat(top).containsExactly(A, B, C, D);
    }

    @Test
    void recencySamplingKeepsOnlyTheNewestCandidateSessions() {
        SessionIndex index = index(new int[][] {{A, C}, {A, D}}, new long[] {100, 200});
        SessionKnn sknn = SessionKnn.sknn(index, new SessionKnn.Parameters(10, 1, 0, 0, 0));

        assertThat(sknn.recommend(new int[] {A}, 1_000, 10)).containsExactly(A, D);
    }

    @Test
    void vsknnWeighsTheLatestItemsOfTheSessionMore() {
        SessionIndex index = index(new int[][] {{A, C}, {B, D}}, new long[] {100, 100});
        SessionKnn vsknn = SessionKnn.vsknn(index, new SessionKnn.Parameters(10, 10, 0, 0, 0));

        // the session A then B: B weighs 2/2, A 1/2, so B's neighbour (and D) ranks above A's (and C)
        int[] top = vsknn.recommend(new int[] {A, B}, 1_000, 10);
        assertThat(top).startsWith(B, D);
        assertThat(indexOf(top, D)).isLessThan(indexOf(top, C));
    }

    @Test
    void stanDecaysItemsByTheirDistanceFromTheSharedItem() {
        SessionIndex index = index(new int[][] {{A, X, Y}}, new long[] {100});
        SessionKnn.Parameters p = new SessionKnn.Parameters(10, 10, 1.02, 5 * 86_400, 2.05);
        SessionKnn stan = SessionKnn.stan(index, p);

        int[] top = stan.recommend(new int[] {A}, 100, 10);

        assertThat(top).containsExactly(A, X, Y);
        // X is one step from A, Y two: their scores differ by exp(1 / lambda3); checked through a second neighbour
        // that holds only Y next to A, which must bring Y level with X
        SessionIndex two = index(new int[][] {{A, X, Y}, {A, Y}}, new long[] {100, 100});
        double simFirst = 1 / Math.sqrt(1.0 * 3);
        double simSecond = 1 / Math.sqrt(1.0 * 2);
        double x = simFirst * Math.exp(-1 / 2.05);
        double y = simFirst * Math.exp(-2 / 2.05) + simSecond * Math.exp(-1 / 2.05);
        assertThat(y).isGreaterThan(x);
        assertThat(SessionKnn.stan(two, p).recommend(new int[] {A}, 100, 10)).containsExactly(A, Y, X);
    }

    @Test
    void stanPrefersRecentNeighbours() {
        SessionIndex index = index(new int[][] {{A, C}, {A, D}}, new long[] {0, 10 * 86_400});
        SessionKnn stan = SessionKnn.stan(index, SessionKnn.Parameters.stan());

        int[] top = stan.recommend(new int[] {A}, 10 * 86_400, 10);

        // same similarity, but the session with C is 10 days older: weight exp(-10/5) of the newer one
        assertThat(indexOf(top, D)).isLessThan(indexOf(top, C));
    }

    @Test
    void anUnknownOrEmptySessionGetsNothingFromNeighbours() {
        SessionIndex index = index(new int[][] {{A, B}}, new long[] {0});
        SessionKnn sknn = SessionKnn.sknn(index, SessionKnn.Parameters.sknn());

        assertThat(sknn.recommend(new int[0], 0, 5)).isEmpty();
        assertThat(sknn.recommend(new int[] {E}, 0, 5)).isEmpty();
    }

    @Test
    void fallbacksFillWhatTheFirstLeftEmptyWithoutRepeats() {
        SessionIndex index = index(new int[][] {{A, B}, {A, B}, {C, D}, {A}}, new long[] {0, 0, 0, 0});
        SessionRecommender chain = new Fallbacks(
                "tailor",
                java.util.List.of(SessionKnn.sknn(index, SessionKnn.Parameters.sknn()), Baselines.pop(index)));

        int[] top = chain.recommend(new int[] {B}, 0, 4);

        assertThat(top).containsExactly(A, B, C, D);
    }

    @Test
    void itemKnnUsesTheRegularisedCosineOfTheBaseline() {
        SessionIndex index = index(new int[][] {{A, B}, {A, B}, {A, C}}, new long[] {0, 0, 0});
        SessionRecommender knn = Baselines.itemKnn(index, 0.5, 20);

        int[] top = knn.recommend(new int[] {A}, 0, 5);

        // co(A,B)=2: 2/(sqrt(3)*sqrt(2)+20) > co(A,C)=1: 1/(sqrt(3)*1+20)
        assertThat(top).containsExactly(B, C);
    }

    @Test
    void sessionPopRanksTheSessionsOwnItemsByRepeatsThenPopularity() {
        SessionIndex index = index(new int[][] {{C, C, C}, {D, D}, {A}}, new long[] {0, 0, 0});
        SessionRecommender spop = Baselines.sessionPop(index);

        assertThat(spop.recommend(new int[] {A, B, B}, 0, 4)).containsExactly(B, A, C, D);
    }

    private static int indexOf(int[] items, int item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
