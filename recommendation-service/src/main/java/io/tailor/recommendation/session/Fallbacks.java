package io.tailor.recommendation.session;

import java.util.List;

/**
 * Runs recommenders in order, each filling the places the ones before it left empty: how a placement blends a
 * precise but sparse strategy with broader ones.
 */
public final class Fallbacks implements SessionRecommender {

    private final String name;
    private final List<SessionRecommender> chain;

    public Fallbacks(String name, List<SessionRecommender> chain) {
        this.name = name;
        this.chain = List.copyOf(chain);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] recommend(int[] session, long time, int k) {
        int[] out = new int[0];
        for (SessionRecommender next : chain) {
            if (out.length >= k) {
                break;
            }
            out = Baselines.fill(out, next.recommend(session, time, k), k);
        }
        return out;
    }
}
