package io.tailor.recommendation.placement;

import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.strategy.Candidate;
import io.tailor.recommendation.strategy.RecommendationContext;
import io.tailor.recommendation.strategy.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fills one placement from its definition, in plain Java: runs the strategies (ordered or weighted blend), drops
 * what the rules exclude, adds fallbacks when too little is left, applies pin/boost/bury, re-ranks with MMR over
 * categories within the per-brand and per-category caps, and gives the exploration share of the slots to the least
 * shown candidates.
 */
public final class PlacementEngine {

    /** The products chosen, in order, and whether fallbacks had to fill the placement. */
    public record Filled(List<Candidate> items, boolean fallback) {}

    /** A candidate with its relevance on one scale for the placement (higher is better). */
    private record Scored(Candidate candidate, double relevance) {}

    public static final String PINNED = "pinned";
    private static final int POOL_FACTOR = 4;
    private static final int MIN_POOL = 20;

    private final CatalogIndex catalog;
    private final Map<String, Strategy> strategies;
    private final Impressions impressions;

    public PlacementEngine(CatalogIndex catalog, Map<String, Strategy> strategies, Impressions impressions) {
        this.catalog = catalog;
        this.strategies = Map.copyOf(strategies);
        this.impressions = impressions;
    }

    public Set<String> strategyNames() {
        return strategies.keySet();
    }

    public Filled fill(PlacementDefinition placement, int limit, RecommendationContext ctx) {
        PlacementRules rules = placement.rulesOrDefault();
        int pool = Math.max(MIN_POOL, limit * POOL_FACTOR);
        Set<String> recentlyBought = recentlyBought(ctx, rules);
        Set<String> cart = rules.excludeCartOrDefault() ? new HashSet<>(ctx.cart()) : Set.of();

        Map<String, Scored> candidates = new LinkedHashMap<>();
        for (Scored s : blend(placement, ctx, pool)) {
            if (allowed(s.candidate().productId(), rules, ctx, cart, recentlyBought)) {
                candidates.putIfAbsent(s.candidate().productId(), s);
            }
        }
        boolean fromStrategies = !candidates.isEmpty();
        boolean fallback = false;
        double floor = -1;
        // diversity needs other categories to choose from: with MMR the fallbacks always widen the pool
        int withFallbacks = rules.lambdaOrDefault() < 1.0 ? candidates.size() + pool : pool;
        for (String name : placement.fallbacksOrEmpty()) {
            if (candidates.size() >= withFallbacks) {
                break;
            }
            Strategy strategy = strategies.get(name);
            if (strategy == null) {
                continue;
            }
            List<Candidate> more = strategy.candidates(ctx, pool);
            for (int i = 0; i < more.size() && candidates.size() < withFallbacks; i++) {
                Candidate c = more.get(i);
                if (!candidates.containsKey(c.productId())
                        && allowed(c.productId(), rules, ctx, cart, recentlyBought)) {
                    // fallbacks rank below every candidate of the strategies, in their own order
                    candidates.put(c.productId(), new Scored(c, floor - (double) i / more.size()));
                    fallback = true;
                }
            }
            floor -= 1;
        }
        fallback = fallback && !fromStrategies;

        List<Scored> ranked = merchandise(new ArrayList<>(candidates.values()), rules);
        List<Candidate> pinned = pinned(rules, ctx, cart, recentlyBought, candidates);
        int slots = Math.max(0, limit - pinned.size());
        int explore = (int) Math.round(slots * rules.explorationOrDefault());
        List<Candidate> chosen = new ArrayList<>(pinned);
        Set<String> taken = new HashSet<>();
        pinned.forEach(c -> taken.add(c.productId()));
        ranked.removeIf(s -> taken.contains(s.candidate().productId()));
        List<Scored> main = mmr(ranked, slots - explore, rules, chosen);
        main.forEach(s -> {
            chosen.add(s.candidate());
            taken.add(s.candidate().productId());
        });
        if (explore > 0 || chosen.size() < limit) {
            List<Scored> rest = new ArrayList<>(ranked);
            rest.removeIf(s -> taken.contains(s.candidate().productId()));
            rest.sort(Comparator.comparingLong(
                            (Scored s) -> impressions.count(s.candidate().productId()))
                    .thenComparing(Comparator.comparingDouble(Scored::relevance).reversed()));
            for (Scored s : mmr(rest, limit - chosen.size(), rules, chosen)) {
                chosen.add(s.candidate());
            }
        }
        impressions.record(chosen.stream().map(Candidate::productId).toList());
        return new Filled(List.copyOf(chosen), fallback);
    }

    /** The strategies' candidates on one relevance scale, best first. */
    private List<Scored> blend(PlacementDefinition placement, RecommendationContext ctx, int pool) {
        List<Scored> out = new ArrayList<>();
        if (PlacementDefinition.WEIGHTED.equals(placement.blendOrDefault())) {
            Map<String, Double> total = new HashMap<>();
            Map<String, Scored> strongest = new HashMap<>();
            for (PlacementDefinition.StrategyWeight sw : placement.strategies()) {
                Strategy strategy = strategies.get(sw.name());
                if (strategy == null) {
                    continue;
                }
                List<Candidate> list = strategy.candidates(ctx, pool);
                double max = list.stream().mapToDouble(Candidate::score).max().orElse(1);
                double min = list.stream().mapToDouble(Candidate::score).min().orElse(0);
                for (int i = 0; i < list.size(); i++) {
                    Candidate c = list.get(i);
                    // normalised by score where scores differ, by rank where they do not
                    double norm = max > min ? (c.score() - min) / (max - min) : 1.0 - (double) i / list.size();
                    double part = sw.weightOrDefault() * (0.5 + 0.5 * norm);
                    total.merge(c.productId(), part, Double::sum);
                    strongest.merge(
                            c.productId(), new Scored(c, part), (a, b) -> a.relevance() >= b.relevance() ? a : b);
                }
            }
            total.forEach((id, score) -> out.add(new Scored(strongest.get(id).candidate(), score)));
            out.sort(Comparator.comparingDouble(Scored::relevance).reversed().thenComparing(s -> s.candidate()
                    .productId()));
            return out;
        }
        List<Candidate> all = new ArrayList<>();
        for (PlacementDefinition.StrategyWeight sw : placement.strategies()) {
            Strategy strategy = strategies.get(sw.name());
            if (strategy != null) {
                all.addAll(strategy.candidates(ctx, pool));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            out.add(new Scored(all.get(i), 1.0 - (double) i / all.size()));
        }
        return out;
    }

    private boolean allowed(
            String productId,
            PlacementRules rules,
            RecommendationContext ctx,
            Set<String> cart,
            Set<String> recentlyBought) {
        if (ctx.excluded().contains(productId) || cart.contains(productId) || recentlyBought.contains(productId)) {
            return false;
        }
        CatalogProduct p = catalog.get(productId).orElse(null);
        if (p == null || !p.active() || (rules.inStockOnlyOrDefault() && !p.available())) {
            return false;
        }
        List<String> include = PlacementRules.orEmpty(rules.includeCategories());
        if (!include.isEmpty() && !inAny(p, include)) {
            return false;
        }
        if (inAny(p, PlacementRules.orEmpty(rules.excludeCategories()))) {
            return false;
        }
        return PlacementValidator.inBand(p.price(), rules.minPrice(), rules.maxPrice());
    }

    private static boolean inAny(CatalogProduct p, List<String> categories) {
        for (String level : p.categoryPath()) {
            for (String c : categories) {
                if (level.equalsIgnoreCase(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> recentlyBought(RecommendationContext ctx, PlacementRules rules) {
        if (rules.excludePurchasedWithinDays() == null) {
            return Set.of();
        }
        Instant since = ctx.now().minus(Duration.ofDays(rules.excludePurchasedWithinDays()));
        Set<String> out = new HashSet<>();
        ctx.profile().ifPresent(p -> {
            if (p.purchases() != null) {
                for (PurchaseStats s : p.purchases()) {
                    if (s != null
                            && s.lastPurchasedAt() != null
                            && !s.lastPurchasedAt().isBefore(since)) {
                        out.add(s.productId());
                    }
                }
            }
        });
        return out;
    }

    /** Boosted candidates first, buried ones last, each group in relevance order. */
    private static List<Scored> merchandise(List<Scored> candidates, PlacementRules rules) {
        Set<String> boost = new HashSet<>(PlacementRules.orEmpty(rules.boost()));
        Set<String> bury = new HashSet<>(PlacementRules.orEmpty(rules.bury()));
        List<Scored> out = new ArrayList<>(candidates.size());
        for (Scored s : candidates) {
            String id = s.candidate().productId();
            double shift = boost.contains(id) ? 10 : bury.contains(id) ? -10 : 0;
            out.add(new Scored(s.candidate(), s.relevance() + shift));
        }
        out.sort(Comparator.comparingDouble(Scored::relevance).reversed());
        return out;
    }

    private List<Candidate> pinned(
            PlacementRules rules,
            RecommendationContext ctx,
            Set<String> cart,
            Set<String> recentlyBought,
            Map<String, Scored> candidates) {
        List<Candidate> out = new ArrayList<>();
        for (String id : PlacementRules.orEmpty(rules.pin())) {
            if (out.stream().noneMatch(c -> c.productId().equals(id))
                    && catalog.get(id).isPresent()
                    && allowed(id, rules, ctx, cart, recentlyBought)) {
                Scored proposed = candidates.get(id);
                out.add(proposed != null ? proposed.candidate() : new Candidate(id, 0, PINNED, "Featured"));
            }
        }
        return out;
    }

    /**
     * Maximal marginal relevance: repeatedly takes the candidate with the best {@code lambda * relevance - (1 -
     * lambda) * (similarity to the closest product already chosen)}, skipping those over the brand or category cap.
     * Relevance is the candidate's rank in the list (1 for the first, towards 0 for the last).
     */
    private List<Scored> mmr(List<Scored> ranked, int count, PlacementRules rules, List<Candidate> already) {
        double lambda = rules.lambdaOrDefault();
        Map<String, Integer> perBrand = new HashMap<>();
        Map<String, Integer> perCategory = new HashMap<>();
        List<CatalogProduct> chosenProducts = new ArrayList<>();
        for (Candidate c : already) {
            catalog.get(c.productId()).ifPresent(p -> {
                chosenProducts.add(p);
                count(p, perBrand, perCategory);
            });
        }
        List<Scored> remaining = new ArrayList<>(ranked);
        List<Scored> out = new ArrayList<>();
        int n = remaining.size();
        Map<String, Double> relevance = new HashMap<>();
        for (int i = 0; i < n; i++) {
            relevance.put(remaining.get(i).candidate().productId(), 1.0 - (double) i / n);
        }
        while (out.size() < count && !remaining.isEmpty()) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < remaining.size(); i++) {
                Scored s = remaining.get(i);
                CatalogProduct p = catalog.get(s.candidate().productId()).orElse(null);
                if (p == null || overCap(p, rules, perBrand, perCategory)) {
                    continue;
                }
                double value = relevance.get(s.candidate().productId());
                if (lambda < 1.0) {
                    double maxSimilarity = 0;
                    for (CatalogProduct q : chosenProducts) {
                        maxSimilarity = Math.max(maxSimilarity, similarity(p, q));
                    }
                    value = lambda * value - (1 - lambda) * maxSimilarity;
                }
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
                if (lambda >= 1.0) {
                    break; // the first allowed one is the best
                }
            }
            if (best < 0) {
                break;
            }
            Scored picked = remaining.remove(best);
            CatalogProduct p = catalog.get(picked.candidate().productId()).orElseThrow();
            chosenProducts.add(p);
            count(p, perBrand, perCategory);
            out.add(picked);
        }
        return out;
    }

    private static boolean overCap(
            CatalogProduct p, PlacementRules rules, Map<String, Integer> perBrand, Map<String, Integer> perCategory) {
        if (rules.maxPerBrand() != null
                && p.brand() != null
                && perBrand.getOrDefault(brandKey(p), 0) >= rules.maxPerBrand()) {
            return true;
        }
        return rules.maxPerCategory() != null
                && p.topCategory() != null
                && perCategory.getOrDefault(p.topCategory(), 0) >= rules.maxPerCategory();
    }

    private static void count(CatalogProduct p, Map<String, Integer> perBrand, Map<String, Integer> perCategory) {
        if (p.brand() != null) {
            perBrand.merge(brandKey(p), 1, Integer::sum);
        }
        if (p.topCategory() != null) {
            perCategory.merge(p.topCategory(), 1, Integer::sum);
        }
    }

    private static String brandKey(CatalogProduct p) {
        return p.brand().toLowerCase(Locale.ROOT);
    }

    /** Category similarity: 1 for the same category path, 0.5 for the same top category, else 0. */
    public static double similarity(CatalogProduct a, CatalogProduct b) {
        if (!a.categoryPath().isEmpty() && a.categoryPath().equals(b.categoryPath())) {
            return 1.0;
        }
        return a.topCategory() != null && Objects.equals(a.topCategory(), b.topCategory()) ? 0.5 : 0.0;
    }

    /** Intra-list diversity: the mean of (1 - category similarity) over all pairs of the list. */
    public static double intraListDiversity(List<CatalogProduct> list) {
        if (list.size() < 2) {
            return 0;
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                sum += 1 - similarity(list.get(i), list.get(j));
                pairs++;
            }
        }
        return sum / pairs;
    }
}
