package io.tailor.recommendation.model;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Item pairs that occur in the same group (a session's views, an order's lines, a shopper's purchases), kept up to
 * date one observation at a time: adding an item to a group counts its pairs with the items already there, so no
 * retraining is needed. Pairs are ranked by Dunning's log-likelihood ratio (G²) of the 2x2 contingency table, not by
 * raw counts, so items that occur with everything (bestsellers) do not crowd out real associations; pairs seen in
 * fewer than the minimum support groups are never returned.
 *
 * <p>Bounded: only the most recent {@code maxGroups} groups are remembered for new pairs (older groups keep their
 * counts), and a group counts pairs for its first {@code maxGroupSize} distinct items. Observing an item already in
 * its group changes nothing, so redelivered events are harmless. Thread-safe.
 *
 * <p>Compact: each item's id string is held once and everything else counts by a dense integer id, in primitive
 * hash maps (HPPC). Two million session views over 1,700 products made 920,000 pairs; keyed by strings in boxed
 * maps they took most of a 512 MiB heap (docs/benchmarks.md).
 */
public final class CoOccurrence {

    /** An associated item: how many groups hold both, the lift and the log-likelihood ratio. */
    public record Neighbour(String item, int support, double lift, double llr) {}

    private static final int[] NO_MEMBERS = new int[0];

    private final int maxGroups;
    private final int maxGroupSize;
    /** The most recently used groups, each with the ids of its items in the order observed. */
    private final Map<String, int[]> groups;
    /** Item id by item; the item by id in {@link #items}. */
    private final ObjectIntHashMap<String> ids = new ObjectIntHashMap<>();

    private final List<String> items = new ArrayList<>();
    /** By item id: the groups that hold the item. */
    private int[] itemGroups = new int[64];
    /** By item id: how many groups hold it together with each other item (by id); null before its first pair. */
    private final List<IntIntHashMap> pairs = new ArrayList<>();

    private long totalGroups;
    /** Recent answers of {@link #neighbours}, dropped when the item's pairs change and after {@link #CACHE_NANOS}. */
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(List<Neighbour> top, int minSupport, int limit, long at) {}

    static final long CACHE_NANOS = 5_000_000_000L;
    private static final int MAX_CACHED = 100_000;

    public CoOccurrence(int maxGroups, int maxGroupSize) {
        if (maxGroups < 1 || maxGroupSize < 2) {
            throw new IllegalArgumentException("maxGroups must be >= 1 and maxGroupSize >= 2");
        }
        this.maxGroups = maxGroups;
        this.maxGroupSize = maxGroupSize;
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > CoOccurrence.this.maxGroups;
            }
        };
    }

    /** Records that {@code item} occurs in {@code group}; true when it was new there. */
    public synchronized boolean observe(String group, String item) {
        if (group == null || item == null) {
            return false;
        }
        int[] members = groups.get(group);
        if (members == null) {
            members = NO_MEMBERS;
            totalGroups++;
        }
        if (members.length >= maxGroupSize) {
            return false;
        }
        int id = idOf(item);
        for (int other : members) {
            if (other == id) {
                return false;
            }
        }
        for (int other : members) {
            row(id).addTo(other, 1);
            row(other).addTo(id, 1);
            cache.remove(items.get(other));
        }
        cache.remove(item);
        int[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = id;
        groups.put(group, grown);
        itemGroups[id]++;
        return true;
    }

    private int idOf(String item) {
        int slot = ids.indexOf(item);
        if (ids.indexExists(slot)) {
            return ids.indexGet(slot);
        }
        int id = items.size();
        items.add(item);
        pairs.add(null);
        ids.indexInsert(slot, item, id);
        if (id == itemGroups.length) {
            itemGroups = Arrays.copyOf(itemGroups, id * 2);
        }
        return id;
    }

    private IntIntHashMap row(int id) {
        IntIntHashMap row = pairs.get(id);
        if (row == null) {
            row = new IntIntHashMap(4);
            pairs.set(id, row);
        }
        return row;
    }

    /** Forgets which items a group holds (its pair counts stay until the model is rebuilt). */
    public synchronized void forget(String group) {
        groups.remove(group);
        cache.clear();
    }

    /** Records a whole group at once (an order's lines). */
    public void observeAll(String group, Iterable<String> items) {
        for (String item : items) {
            observe(group, item);
        }
    }

    /** The items most significantly associated with {@code item}, strongest first. */
    public synchronized List<Neighbour> neighbours(String item, int minSupport, int limit) {
        int id = ids.getOrDefault(item, -1);
        IntIntHashMap row = id < 0 ? null : pairs.get(id);
        if (row == null || limit <= 0) {
            return List.of();
        }
        long now = System.nanoTime();
        Cached cached = cache.get(item);
        if (cached != null
                && cached.minSupport() == minSupport
                && cached.limit() >= limit
                && now - cached.at() < CACHE_NANOS) {
            return cached.top().size() > limit ? cached.top().subList(0, limit) : cached.top();
        }
        List<Neighbour> top = compute(id, row, minSupport, limit);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(item, new Cached(top, minSupport, limit, now));
        return top;
    }

    private List<Neighbour> compute(int id, IntIntHashMap row, int minSupport, int limit) {
        long n = totalGroups;
        int a = itemGroups[id];
        Comparator<Neighbour> order = Comparator.comparingDouble(Neighbour::llr)
                .thenComparingInt(Neighbour::support)
                .thenComparing(Neighbour::item, Comparator.reverseOrder());
        // the strongest {@code limit} so far, weakest at the head
        PriorityQueue<Neighbour> best = new PriorityQueue<>(limit + 1, order);
        for (IntIntCursor pair : row) {
            int ab = pair.value;
            if (ab < minSupport) {
                continue;
            }
            int b = itemGroups[pair.key];
            double lift = a == 0 || b == 0 ? 0 : (double) ab * n / ((double) a * b);
            // only positive associations: together more often than chance
            if (lift <= 1.0) {
                continue;
            }
            best.add(new Neighbour(items.get(pair.key), ab, lift, llr(ab, a - ab, b - ab, n - a - b + ab)));
            if (best.size() > limit) {
                best.poll();
            }
        }
        List<Neighbour> out = new ArrayList<>(best);
        out.sort(order.reversed());
        return List.copyOf(out);
    }

    /** Groups seen so far. */
    public synchronized long groups() {
        return totalGroups;
    }

    /** Distinct items seen so far. */
    public synchronized int items() {
        return items.size();
    }

    /** Distinct pairs (each counted once). */
    public synchronized long pairs() {
        long sum = 0;
        for (IntIntHashMap row : pairs) {
            sum += row == null ? 0 : row.size();
        }
        return sum / 2;
    }

    /**
     * Dunning's log-likelihood ratio for a 2x2 table: k11 groups with both, k12 with the first only, k21 with the
     * second only, k22 with neither.
     */
    static double llr(long k11, long k12, long k21, long k22) {
        double rowEntropy = entropy(k11 + k12, k21 + k22);
        double columnEntropy = entropy(k11 + k21, k12 + k22);
        double matrixEntropy = entropy(k11, k12, k21, k22);
        if (rowEntropy + columnEntropy < matrixEntropy) {
            return 0.0; // rounding
        }
        return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
    }

    private static double xLogX(long x) {
        return x <= 0 ? 0.0 : x * Math.log(x);
    }

    private static double entropy(long... counts) {
        long sum = 0;
        double parts = 0;
        for (long c : counts) {
            parts += xLogX(c);
            sum += c;
        }
        return xLogX(sum) - parts;
    }
}
