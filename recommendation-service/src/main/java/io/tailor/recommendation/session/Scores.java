package io.tailor.recommendation.session;

import java.util.Arrays;

/** Scores per item in a reusable array: only the items touched are reset and ranked. Not thread-safe. */
final class Scores {

    private final double[] score;
    private final int[] touched;
    private int size;

    Scores(int items) {
        this.score = new double[items];
        this.touched = new int[items];
    }

    /** Adds a positive value to the item's score. */
    void add(int item, double value) {
        if (score[item] == 0) {
            touched[size++] = item;
        }
        score[item] += value;
    }

    /**
     * The best {@code k} items (ties: the more popular first, then the lower id), then clears all scores.
     *
     * @param popularity item counts for breaking ties
     */
    int[] takeTop(int k, SessionIndex popularity) {
        Integer[] items = new Integer[size];
        for (int i = 0; i < size; i++) {
            items[i] = touched[i];
        }
        Arrays.sort(items, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(popularity.count(b), popularity.count(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = Math.min(k, size);
        int[] top = new int[n];
        for (int i = 0; i < n; i++) {
            top[i] = items[i];
        }
        for (int i = 0; i < size; i++) {
            score[touched[i]] = 0;
        }
        size = 0;
        return top;
    }
}
