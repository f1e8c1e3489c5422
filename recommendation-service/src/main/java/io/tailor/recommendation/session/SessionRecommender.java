package io.tailor.recommendation.session;

/** Recommends the next items of a session from past sessions ({@link SessionIndex}). */
public interface SessionRecommender {

    /** The name the evaluation prints, e.g. {@code sknn}. */
    String name();

    /**
     * @param session the item ids of the session so far, oldest first
     * @param time the time of the session's last event, in seconds
     * @param k how many items
     * @return up to {@code k} item ids, best first
     */
    int[] recommend(int[] session, long time, int k);
}
