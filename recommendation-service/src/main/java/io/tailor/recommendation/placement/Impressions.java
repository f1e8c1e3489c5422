package io.tailor.recommendation.placement;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each product was shown by this replica, for the exploration share (less-shown products get the
 * exploration slots). Bounded: past {@value #MAX_PRODUCTS} products the counts start again.
 */
public final class Impressions {

    static final int MAX_PRODUCTS = 1_000_000;

    private final Map<String, LongAdder> shown = new ConcurrentHashMap<>();

    public long count(String productId) {
        LongAdder adder = shown.get(productId);
        return adder == null ? 0 : adder.sum();
    }

    public void record(Collection<String> productIds) {
        if (shown.size() > MAX_PRODUCTS) {
            shown.clear();
        }
        for (String id : productIds) {
            shown.computeIfAbsent(id, k -> new LongAdder()).increment();
        }
    }

    /** Products shown at least once. */
    public int products() {
        return shown.size();
    }
}
