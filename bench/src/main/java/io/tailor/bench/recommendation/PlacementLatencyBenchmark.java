package io.tailor.bench.recommendation;

import io.tailor.bench.BenchSupport;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.model.CoOccurrence;
import io.tailor.recommendation.placement.DefaultPlacements;
import io.tailor.recommendation.placement.Impressions;
import io.tailor.recommendation.placement.PlacementDefinition;
import io.tailor.recommendation.placement.PlacementEngine;
import io.tailor.recommendation.placement.PlacementRules;
import io.tailor.recommendation.strategy.BoughtTogetherStrategy;
import io.tailor.recommendation.strategy.Candidate;
import io.tailor.recommendation.strategy.NewArrivalsStrategy;
import io.tailor.recommendation.strategy.RecentlyViewedStrategy;
import io.tailor.recommendation.strategy.RecommendationContext;
import io.tailor.recommendation.strategy.RelatedStrategy;
import io.tailor.recommendation.strategy.ReplenishmentStrategy;
import io.tailor.recommendation.strategy.SimilarShoppersStrategy;
import io.tailor.recommendation.strategy.Strategy;
import io.tailor.recommendation.strategy.TopInCategoryStrategy;
import io.tailor.recommendation.strategy.TrendingStrategy;
import io.tailor.recommendation.strategy.WholesaleReorderStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * recommendation-service's request path without I/O: a synthetic catalogue (100k products by default: 20 top
 * categories of 10 sub-categories, 500 brands, launch dates over a year) and 1M interactions (session views and
 * order lines with category structure and Zipf-like popularity) fed incrementally into the co-view, co-purchase and
 * shopper-purchase models; then every default placement is filled for synthetic shoppers (recent views, cart,
 * affinities, purchase intervals, half of them wholesale), with p50/p99 per placement. Also prints the model update
 * throughput, heap used by catalogue plus models, and the effect of MMR and the exploration share on intra-list
 * diversity and catalogue coverage. The session kNN strategy (session_next) is measured by the offline evaluation
 * and is left out here (placements skip it).
 *
 * <p>Usage: {@code ./bench/run.sh recommendation.PlacementLatencyBenchmark [products=100000] [interactions=1000000]
 * [requests=20000]}
 */
public final class PlacementLatencyBenchmark {

    private static final int TOP = 20;
    private static final int SUB = 10;
    private static final Instant NOW = Instant.now();

    public static void main(String[] args) {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int interactions = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        BenchSupport.machine();
        SplittableRandom random = new SplittableRandom(42);

        long heap0 = usedHeap();
        CatalogIndex catalog = catalogue(products, random);
        long heap1 = usedHeap();
        System.out.printf(Locale.ROOT, "catalogue: %d products, heap %d MiB%n", catalog.size(), (heap1 - heap0) >> 20);

        CoOccurrence coView = new CoOccurrence(200_000, 50);
        CoOccurrence coPurchase = new CoOccurrence(200_000, 50);
        CoOccurrence shopperPurchases = new CoOccurrence(200_000, 200);
        Map<String, Integer> popularity = new HashMap<>();
        long t0 = System.nanoTime();
        feed(interactions, products, random, coView, coPurchase, shopperPurchases, popularity);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heap2 = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "models: %d interactions in %.1f s = %.0f per second (1 thread); co-view %d pairs, co-purchase %d"
                        + " pairs, shopper-purchase %d pairs; heap %d MiB%n",
                interactions,
                seconds,
                interactions / seconds,
                coView.pairs(),
                coPurchase.pairs(),
                shopperPurchases.pairs(),
                (heap2 - heap1) >> 20);
        System.out.printf(Locale.ROOT, "heap for catalogue and models: %d MiB%n", (heap2 - heap0) >> 20);

        List<String> popular = top(popularity, null, catalog, 200);
        Map<String, List<String>> popularByCategory = new HashMap<>();
        for (int c = 0; c < TOP; c++) {
            popularByCategory.put("Top" + c, top(popularity, "Top" + c, catalog, 100));
        }
        Map<String, Strategy> strategies = new LinkedHashMap<>();
        for (Strategy s : List.of(
                new RecentlyViewedStrategy(catalog),
                new RelatedStrategy(catalog, () -> coView, 2),
                new BoughtTogetherStrategy(catalog, () -> coPurchase, 2),
                new SimilarShoppersStrategy(catalog, () -> shopperPurchases, 2),
                new ReplenishmentStrategy(),
                new WholesaleReorderStrategy(),
                new TopInCategoryStrategy(catalog),
                new TrendingStrategy(TrendingStrategy.NAME, "Trending now"),
                new TrendingStrategy(TrendingStrategy.POPULAR, "Popular right now"),
                new NewArrivalsStrategy(catalog, 30))) {
            strategies.put(s.name(), s);
        }
        PlacementEngine engine = new PlacementEngine(catalog, strategies, new Impressions());
        List<RecommendationContext> contexts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            contexts.add(context(i, products, random, popular, popularByCategory, catalog));
        }

        // warm-up, then each placement
        for (int i = 0; i < requests / 2; i++) {
            for (PlacementDefinition p : DefaultPlacements.all()) {
                engine.fill(p, 8, contexts.get(i % contexts.size()));
            }
        }
        Histogram all = BenchSupport.histogram();
        for (PlacementDefinition p : DefaultPlacements.all()) {
            Histogram h = BenchSupport.histogram();
            int empty = 0;
            for (int i = 0; i < requests; i++) {
                long s = System.nanoTime();
                PlacementEngine.Filled filled = engine.fill(p, 8, contexts.get(i % contexts.size()));
                long micros = (System.nanoTime() - s) / 1_000;
                h.recordValue(Math.max(1, micros));
                if (filled.items().isEmpty()) {
                    empty++;
                }
            }
            all.add(h);
            System.out.println(BenchSupport.latencies("placement=" + p.key(), h) + " empty=" + empty);
        }
        System.out.println(BenchSupport.latencies("placement=all", all));

        diversity(strategies, catalog, contexts);
    }

    /** Intra-list diversity and coverage of product_page_related with MMR and exploration off and on. */
    private static void diversity(
            Map<String, Strategy> strategies, CatalogIndex catalog, List<RecommendationContext> contexts) {
        PlacementDefinition base = DefaultPlacements.all().stream()
                .filter(p -> p.key().equals("product_page_related"))
                .findFirst()
                .orElseThrow();
        for (double[] setting : new double[][] {{1.0, 0.0}, {0.8, 0.0}, {0.5, 0.0}, {1.0, 0.25}, {0.8, 0.25}}) {
            PlacementRules rules = new PlacementRules(
                    null, null, null, null, null, null, null, null, null, null, null, null, setting[0], setting[1]);
            PlacementDefinition p =
                    new PlacementDefinition("bench", null, base.strategies(), base.blend(), base.fallbacks(), 8, rules);
            PlacementEngine fresh = new PlacementEngine(catalog, strategies, new Impressions());
            double ild = 0;
            Set<String> covered = new HashSet<>();
            for (RecommendationContext ctx : contexts) {
                List<Candidate> items = fresh.fill(p, 8, ctx).items();
                ild += PlacementEngine.intraListDiversity(items.stream()
                        .map(c -> catalog.get(c.productId()).orElseThrow())
                        .toList());
                items.forEach(c -> covered.add(c.productId()));
            }
            System.out.printf(
                    Locale.ROOT,
                    "product_page_related lambda=%.2f exploration=%.2f ild=%.3f coverage=%.4f (%d products over %d"
                            + " requests)%n",
                    setting[0],
                    setting[1],
                    ild / contexts.size(),
                    (double) covered.size() / catalog.size(),
                    covered.size(),
                    contexts.size());
        }
    }

    private static CatalogIndex catalogue(int count, SplittableRandom random) {
        String[] adjectives = {"classic", "light", "pro", "eco", "urban", "trail", "soft", "smart", "mini", "max"};
        String[] nouns = {"shoe", "shirt", "lamp", "mug", "bag", "jacket", "chair", "kettle", "watch", "towel"};
        CatalogIndex catalog = new CatalogIndex();
        LocalDate today = NOW.atOffset(ZoneOffset.UTC).toLocalDate();
        for (int i = 0; i < count; i++) {
            int top = i % TOP;
            int sub = (i / TOP) % SUB;
            String title = adjectives[random.nextInt(adjectives.length)] + " "
                    + adjectives[random.nextInt(adjectives.length)] + " " + nouns[(top + sub) % nouns.length] + " "
                    + i;
            catalog.put(new CatalogProduct(
                    "p" + i,
                    title,
                    "A " + title + " for everyday use",
                    List.of("Top" + top, "Sub" + top + "-" + sub),
                    "Brand" + random.nextInt(500),
                    Map.of(),
                    BigDecimal.valueOf(5 + random.nextInt(200)),
                    "EUR",
                    random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(100),
                    today.minusDays(random.nextInt(365)),
                    null,
                    null,
                    true));
        }
        return catalog;
    }

    /** A product id with Zipf-like popularity inside one sub-category (all products of i % 200 share one). */
    private static int item(int products, int subCategory, SplittableRandom random) {
        int perSub = products / (TOP * SUB);
        int rank = (int) Math.min(perSub - 1, Math.floor(Math.pow(perSub, random.nextDouble())) - 1);
        int top = subCategory % TOP;
        int sub = subCategory / TOP;
        return top + TOP * (sub + SUB * rank);
    }

    private static void feed(
            int interactions,
            int products,
            SplittableRandom random,
            CoOccurrence coView,
            CoOccurrence coPurchase,
            CoOccurrence shopperPurchases,
            Map<String, Integer> popularity) {
        int done = 0;
        int session = 0;
        int order = 0;
        while (done < interactions) {
            int sub = random.nextInt(TOP * SUB);
            if (random.nextInt(5) == 0) {
                String shopper = "c" + random.nextInt(50_000);
                String key = "o" + order++;
                int lines = 1 + random.nextInt(4);
                for (int l = 0; l < lines && done < interactions; l++, done++) {
                    String id = "p" + item(products, l == 0 ? sub : random.nextInt(TOP * SUB), random);
                    coPurchase.observe(key, id);
                    shopperPurchases.observe(shopper, id);
                    popularity.merge(id, 5, Integer::sum);
                }
            } else {
                String key = "s" + session++;
                int views = 2 + random.nextInt(8);
                for (int v = 0; v < views && done < interactions; v++, done++) {
                    String id = "p" + item(products, random.nextInt(4) == 0 ? random.nextInt(TOP * SUB) : sub, random);
                    coView.observe(key, id);
                    popularity.merge(id, 1, Integer::sum);
                }
            }
        }
    }

    private static List<String> top(Map<String, Integer> popularity, String category, CatalogIndex catalog, int n) {
        return popularity.entrySet().stream()
                .filter(e -> category == null
                        || catalog.get(e.getKey())
                                .map(p -> category.equals(p.topCategory()))
                                .orElse(false))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static RecommendationContext context(
            int i,
            int products,
            SplittableRandom random,
            List<String> popular,
            Map<String, List<String>> popularByCategory,
            CatalogIndex catalog) {
        int sub = random.nextInt(TOP * SUB);
        List<RecentView> views = new ArrayList<>();
        for (int v = 0; v < 10; v++) {
            views.add(new RecentView("p" + item(products, sub, random), NOW.minus(Duration.ofMinutes(v * 3L))));
        }
        List<OrderLine> cart = List.of(
                new OrderLine("p" + item(products, sub, random), 1, BigDecimal.TEN, null, null),
                new OrderLine("p" + item(products, random.nextInt(TOP * SUB), random), 1, BigDecimal.TEN, null, null));
        List<PurchaseStats> purchases = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            double interval = 7 + random.nextInt(60);
            purchases.add(new PurchaseStats(
                    "p" + item(products, random.nextInt(TOP * SUB), random),
                    2 + random.nextInt(5),
                    2 + random.nextInt(20),
                    NOW.minus(Duration.ofDays(300)),
                    NOW.minus(Duration.ofDays((long) (interval * (0.5 + random.nextDouble())))),
                    interval));
        }
        Map<String, Double> affinity = new HashMap<>();
        affinity.merge("Top" + (sub % TOP), 0.6, Double::sum);
        affinity.merge("Top" + random.nextInt(TOP), 0.25, Double::sum);
        affinity.merge("Top" + random.nextInt(TOP), 0.1, Double::sum);
        ProfileSnapshot profile = new ProfileSnapshot(
                "p" + i,
                1,
                "c" + i,
                List.of("a" + i),
                Map.of("accountType", i % 2 == 0 ? "wholesale" : "retail"),
                null,
                NOW,
                NOW,
                3,
                30,
                20,
                5,
                BigDecimal.TEN,
                BigDecimal.ONE,
                NOW,
                views,
                new CartState(cart, BigDecimal.TEN, NOW),
                affinity,
                Map.of(),
                Map.of(),
                purchases,
                null,
                null,
                null,
                null,
                null);
        String onPage = "p" + item(products, sub, random);
        RequestContext request = new RequestContext(
                "product",
                null,
                onPage,
                catalog.get(onPage).orElseThrow().categoryPath(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return new RecommendationContext(
                Optional.of(profile), request, Set.of(onPage), NOW, popular, popularByCategory);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
