package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Content similarity between catalogue products, for "related" when there is little behaviour to go on (new
 * products). Candidates are the products of the same category path, then of the same top category (at most
 * {@value #MAX_SCANNED} looked at; the top category only when the category path holds fewer than four times the
 * products asked for); the score mixes the Jaccard overlap of title, description and brand words (0.6),
 * the same brand (0.25) and the depth of the shared category path (0.15).
 */
public final class ContentSimilarity {

    static final int MAX_SCANNED = 2_000;
    private static final int ENOUGH = 4;

    /** A similar product and how similar (0..1). */
    public record Similar(String productId, double score) {}

    private final CatalogIndex catalog;

    public ContentSimilarity(CatalogIndex catalog) {
        this.catalog = catalog;
    }

    public List<Similar> similar(String productId, int limit) {
        Optional<CatalogProduct> found = catalog.get(productId);
        if (found.isEmpty() || limit <= 0) {
            return List.of();
        }
        CatalogProduct seed = found.get();
        Set<String> seedTokens = catalog.tokens(seed.id());
        Comparator<Similar> order =
                Comparator.comparingDouble(Similar::score).thenComparing(Similar::productId, Comparator.reverseOrder());
        // the best {@code limit} so far, weakest at the head
        PriorityQueue<Similar> best = new PriorityQueue<>(limit + 1, order);
        Set<String> samePath = catalog.inPath(seed.categoryPath());
        int scanned = scan(samePath, seed, seedTokens, best, limit, 0, null);
        // the wider top category only when the category itself has too few products
        if (samePath.size() < limit * ENOUGH) {
            scan(catalog.inTopCategory(seed.topCategory()), seed, seedTokens, best, limit, scanned, samePath);
        }
        List<Similar> out = new ArrayList<>(best);
        out.sort(order.reversed());
        return out;
    }

    private int scan(
            Set<String> pool,
            CatalogProduct seed,
            Set<String> seedTokens,
            PriorityQueue<Similar> best,
            int limit,
            int scanned,
            Set<String> skip) {
        for (String id : pool) {
            if (scanned >= MAX_SCANNED) {
                break;
            }
            if (id.equals(seed.id()) || (skip != null && skip.contains(id))) {
                continue;
            }
            CatalogProduct p = catalog.get(id).orElse(null);
            if (p == null) {
                continue;
            }
            scanned++;
            best.add(new Similar(id, score(seed, seedTokens, p)));
            if (best.size() > limit) {
                best.poll();
            }
        }
        return scanned;
    }

    double score(CatalogProduct seed, Set<String> seedTokens, CatalogProduct other) {
        Set<String> tokens = catalog.tokens(other.id());
        int common = 0;
        for (String t : tokens) {
            if (seedTokens.contains(t)) {
                common++;
            }
        }
        int union = seedTokens.size() + tokens.size() - common;
        double jaccard = union == 0 ? 0 : (double) common / union;
        double brand = seed.brand() != null && Objects.equals(seed.brand(), other.brand()) ? 1 : 0;
        int shared = 0;
        int depth = Math.max(seed.categoryPath().size(), other.categoryPath().size());
        while (shared
                        < Math.min(
                                seed.categoryPath().size(), other.categoryPath().size())
                && seed.categoryPath().get(shared).equals(other.categoryPath().get(shared))) {
            shared++;
        }
        double path = depth == 0 ? 0 : (double) shared / depth;
        return 0.6 * jaccard + 0.25 * brand + 0.15 * path;
    }
}
