package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.model.CoOccurrence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Related and similar items: what shoppers viewed in the same sessions as the seed product (co-view, ranked by
 * log-likelihood ratio with a minimum support), completed by content similarity, so a new product with no views yet
 * still has related items. The seed is the product on the page, else the shopper's most recent views.
 */
public final class RelatedStrategy implements Strategy {

    public static final String NAME = "related";
    private static final int SEEDS = 3;

    private final CatalogIndex catalog;
    private final Supplier<CoOccurrence> coView;
    private final int minSupport;
    private final ContentSimilarity content;

    public RelatedStrategy(CatalogIndex catalog, Supplier<CoOccurrence> coView, int minSupport) {
        this.catalog = catalog;
        this.coView = coView;
        this.minSupport = minSupport;
        this.content = new ContentSimilarity(catalog);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        String onPage = context.request().productId();
        List<String> seeds = onPage != null
                ? List.of(onPage)
                : context.recentlyViewed().stream().distinct().limit(SEEDS).toList();
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (int s = 0; s < seeds.size(); s++) {
            String seed = seeds.get(s);
            String title = Reasons.title(catalog, seed);
            double seedWeight = 1.0 / (1 + s);
            // co-view scores in (1, 2], content in [0, 1]: behaviour first, content fills in
            List<CoOccurrence.Neighbour> viewed = coView.get().neighbours(seed, minSupport, limit);
            double best = viewed.isEmpty() ? 1 : viewed.getFirst().llr();
            for (CoOccurrence.Neighbour n : viewed) {
                double score = seedWeight * (1 + (best <= 0 ? 0 : n.llr() / best));
                String reason = onPage != null
                        ? "Shoppers who viewed " + title + " also viewed this"
                        : "Because you viewed " + title;
                merge(out, new Candidate(n.item(), score, NAME, reason));
            }
            for (ContentSimilarity.Similar similar : content.similar(seed, limit)) {
                if (similar.score() > 0) {
                    merge(
                            out,
                            new Candidate(
                                    similar.productId(), seedWeight * similar.score(), NAME, "Similar to " + title));
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(out.values());
        ranked.removeIf(c -> seeds.contains(c.productId()));
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : ranked;
    }

    /** Keeps the higher-scoring reason of a product proposed twice, and adds the scores. */
    static void merge(Map<String, Candidate> out, Candidate c) {
        out.merge(c.productId(), c, (a, b) -> {
            Candidate stronger = a.score() >= b.score() ? a : b;
            return new Candidate(a.productId(), a.score() + b.score(), a.strategy(), stronger.reason());
        });
    }
}
