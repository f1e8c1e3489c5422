package io.tailor.recommendation.session;

import java.util.Arrays;

/** Finds candidate neighbour sessions: the most recent past sessions sharing an item with the current one. */
final class Neighbours {

    private final SessionIndex index;
    private final int[] seen;
    private int stamp;

    Neighbours(SessionIndex index) {
        this.index = index;
        this.seen = new int[index.sessions()];
    }

    /**
     * The {@code sample} most recent sessions that contain any of {@code items} (recency sampling, as in Jannach and
     * Ludewig 2017). Each item's list is newest first, so no more than {@code sample} of each list can be among them.
     */
    int[] recent(int[] items, int sample) {
        stamp++;
        int[] found = new int[0];
        int size = 0;
        for (int item : items) {
            int[] with = index.sessionsWith(item);
            int take = Math.min(sample, with.length);
            for (int i = 0; i < take; i++) {
                int s = with[i];
                if (seen[s] != stamp) {
                    seen[s] = stamp;
                    if (size == found.length) {
                        found = Arrays.copyOf(found, Math.max(16, size * 2));
                    }
                    found[size++] = s;
                }
            }
        }
        if (size <= sample) {
            return Arrays.copyOf(found, size);
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = found[i];
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(index.time(b), index.time(a)));
        int[] recent = new int[sample];
        for (int i = 0; i < sample; i++) {
            recent[i] = boxed[i];
        }
        return recent;
    }

    /** The indexes of the {@code k} largest similarities (all of them when there are fewer). */
    static int[] topK(double[] similarity, int k) {
        Integer[] order = new Integer[similarity.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
        int n = Math.min(k, order.length);
        int[] top = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (similarity[order[i]] > 0) {
                top[kept++] = order[i];
            }
        }
        return Arrays.copyOf(top, kept);
    }

    /** The session's distinct items, in order of their last occurrence. */
    static int[] distinct(int[] session) {
        int[] out = new int[session.length];
        int n = 0;
        for (int i = session.length - 1; i >= 0; i--) {
            boolean again = false;
            for (int j = 0; j < n; j++) {
                if (out[j] == session[i]) {
                    again = true;
                    break;
                }
            }
            if (!again) {
                out[n++] = session[i];
            }
        }
        int[] ordered = new int[n];
        for (int i = 0; i < n; i++) {
            ordered[i] = out[n - 1 - i];
        }
        return ordered;
    }
}
