package io.tailor.recommendation.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Past sessions for the session-based recommenders: each session's items in order and its time, the sessions that
 * contain each item (newest first), and item popularity. Items are dense ids {@code 0..items-1}.
 */
public final class SessionIndex {

    private final int[][] sessions;
    private final long[] times;
    private final int[][] sessionsByItem;
    private final int[] itemCounts;
    private final int[] sessionCounts;
    private final int[] byPopularity;

    private SessionIndex(int[][] sessions, long[] times, int items) {
        this.sessions = sessions;
        this.times = times;
        this.itemCounts = new int[items];
        this.sessionCounts = new int[items];
        List<List<Integer>> containing = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            containing.add(new ArrayList<>());
        }
        Integer[] newestFirst = new Integer[sessions.length];
        for (int s = 0; s < sessions.length; s++) {
            newestFirst[s] = s;
        }
        Arrays.sort(newestFirst, (a, b) -> Long.compare(times[b], times[a]));
        for (int s : newestFirst) {
            int[] distinct = Arrays.stream(sessions[s]).distinct().toArray();
            for (int item : sessions[s]) {
                itemCounts[item]++;
            }
            for (int item : distinct) {
                sessionCounts[item]++;
                containing.get(item).add(s);
            }
        }
        this.sessionsByItem = new int[items][];
        for (int i = 0; i < items; i++) {
            sessionsByItem[i] =
                    containing.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        Integer[] order = new Integer[items];
        for (int i = 0; i < items; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> itemCounts[b] != itemCounts[a] ? itemCounts[b] - itemCounts[a] : a - b);
        this.byPopularity = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param sessions each session's item ids in the order they were seen
     * @param times each session's time (its last event), in seconds
     * @param items the number of distinct items (ids are {@code 0..items-1})
     */
    public static SessionIndex of(int[][] sessions, long[] times, int items) {
        if (sessions.length != times.length) {
            throw new IllegalArgumentException("one time per session");
        }
        return new SessionIndex(sessions, times, items);
    }

    public int items() {
        return itemCounts.length;
    }

    public int sessions() {
        return sessions.length;
    }

    public int[] session(int id) {
        return sessions[id];
    }

    public long time(int session) {
        return times[session];
    }

    /** The sessions containing the item, newest first. */
    public int[] sessionsWith(int item) {
        return item < 0 || item >= sessionsByItem.length ? new int[0] : sessionsByItem[item];
    }

    /** How often the item was seen in all sessions. */
    public int count(int item) {
        return itemCounts[item];
    }

    /** In how many sessions the item was seen. */
    public int sessionCount(int item) {
        return sessionCounts[item];
    }

    /** The count of the most popular item. */
    public int maxCount() {
        return byPopularity.length == 0 ? 0 : itemCounts[byPopularity[0]];
    }

    /** All items, most seen first (ties by id). */
    public int[] byPopularity() {
        return byPopularity;
    }
}
