package io.tailor.recommendation.search;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.event.Violation;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.recommendation.cache.TrendingStore;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Personalized search, re-ranking of a store's own result list, and category listings in a chosen sort order. Text
 * relevance comes from Lucene (BM25); the shopper's category and brand affinities and current popularity re-rank it
 * ({@link ShopperRanking}). Without personalization consent only text and popularity count. Unavailable products
 * (inactive, out of stock) are never returned.
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_LIMIT = 50;
    static final int MAX_QUERY = 200;
    static final int MAX_RERANK = 500;
    /** Text matches considered for re-ranking, and the popularity list read. */
    static final int CANDIDATES = 200;

    /** The sort orders a category listing takes (the content decision's sortOrder names one). */
    public static final Set<String> SORT_ORDERS =
            Set.of("recommended", "best_selling", "top_rated", "new_first", "price_asc", "price_desc");

    public record SearchRequest(
            ShopperRef shopper, String query, String category, Integer limit, Integer offset, Boolean personalize) {}

    public record RerankRequest(ShopperRef shopper, List<String> productIds, Boolean personalize) {}

    public record CategoryRequest(
            ShopperRef shopper,
            String category,
            String sortOrder,
            Integer limit,
            Integer offset,
            Boolean personalize) {}

    /**
     * @param total how many products matched (before limit and offset)
     * @param personalized whether the shopper's affinities re-ranked the list
     */
    public record Results(
            String query,
            String category,
            String sortOrder,
            int total,
            boolean personalized,
            List<RecommendedProduct> items) {}

    private final ProductSearchIndex index;
    private final CatalogIndex catalog;
    private final TrendingStore trending;
    private final ShopperStateReader shoppers;

    public SearchService(
            ProductSearchIndex index, CatalogIndex catalog, TrendingStore trending, ShopperStateReader shoppers) {
        this.index = index;
        this.catalog = catalog;
        this.trending = trending;
        this.shoppers = shoppers;
    }

    public Uni<Results> search(SearchRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ProblemException.invalid("query", "is required");
        }
        if (request.query().length() > MAX_QUERY) {
            violations.add(new Violation("query", "at most " + MAX_QUERY + " characters"));
        }
        int limit = limit(request.limit(), violations);
        int offset = offset(request.offset(), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<ProductSearchIndex.Hit> hits = index.search(request.query(), request.category(), CANDIDATES);
        float best = hits.isEmpty() ? 1 : hits.getFirst().score();
        return ranking(request.shopper(), request.personalize(), null).map(ranking -> {
            List<Scored> scored = new ArrayList<>();
            for (ProductSearchIndex.Hit hit : hits) {
                catalog.get(hit.productId()).filter(CatalogProduct::available).ifPresent(p -> {
                    ShopperRanking.Boost boost = ranking.boost(p);
                    String reason = "matches \u201c" + request.query().strip() + "\u201d"
                            + (boost.because().isEmpty() ? "" : "; " + boost.because());
                    scored.add(new Scored(p, (hit.score() / best) * boost.factor(), reason));
                });
            }
            scored.sort(Comparator.comparingDouble(Scored::score).reversed());
            return results(request.query(), request.category(), null, scored, offset, limit, ranking.personal());
        });
    }

    public Uni<Results> rerank(RerankRequest request) {
        if (request == null
                || request.productIds() == null
                || request.productIds().isEmpty()) {
            throw ProblemException.invalid("productIds", "a list of 1 to " + MAX_RERANK + " product ids is required");
        }
        if (request.productIds().size() > MAX_RERANK) {
            throw ProblemException.invalid("productIds", "at most " + MAX_RERANK + " product ids");
        }
        List<Violation> unknown = new ArrayList<>();
        List<CatalogProduct> products = new ArrayList<>();
        for (int i = 0; i < request.productIds().size(); i++) {
            Optional<CatalogProduct> p = catalog.get(request.productIds().get(i));
            if (p.isEmpty()) {
                unknown.add(new Violation(
                        "productIds[" + i + "]",
                        "unknown product '" + request.productIds().get(i) + "'"));
            } else {
                products.add(p.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        return ranking(request.shopper(), request.personalize(), null).map(ranking -> {
            List<Scored> scored = new ArrayList<>();
            for (int i = 0; i < products.size(); i++) {
                CatalogProduct p = products.get(i);
                if (!p.available()) {
                    continue;
                }
                ShopperRanking.Boost boost = ranking.boost(p);
                // the store's own order breaks ties: earlier items keep a slight edge
                double position = 1.0 - (double) i / (products.size() * 10.0);
                scored.add(new Scored(
                        p,
                        boost.factor() * position,
                        boost.because().isEmpty() ? "in the store's results" : boost.because()));
            }
            scored.sort(Comparator.comparingDouble(Scored::score).reversed());
            return results(null, null, null, scored, 0, scored.size(), ranking.personal());
        });
    }

    public Uni<Results> category(CategoryRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null || request.category() == null || request.category().isBlank()) {
            throw ProblemException.invalid("category", "a top category is required");
        }
        String sort = request.sortOrder() == null ? "recommended" : request.sortOrder();
        if (!SORT_ORDERS.contains(sort)) {
            violations.add(new Violation(
                    "sortOrder",
                    "one of " + String.join(", ", SORT_ORDERS.stream().sorted().toList())));
        }
        int limit = limit(request.limit(), violations);
        int offset = offset(request.offset(), violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Set<String> ids = catalog.inTopCategory(request.category());
        if (ids.isEmpty() && catalog.topCategories().stream().noneMatch(request.category()::equals)) {
            throw ProblemException.notFound("No category " + request.category());
        }
        return ranking(request.shopper(), request.personalize(), request.category())
                .map(ranking -> {
                    List<Scored> scored = new ArrayList<>();
                    for (String id : ids) {
                        catalog.get(id).filter(CatalogProduct::available).ifPresent(p -> {
                            ShopperRanking.Boost boost = ranking.boost(p);
                            scored.add(new Scored(p, boost.factor(), reason(sort, p, boost)));
                        });
                    }
                    scored.sort(order(sort));
                    return results(null, request.category(), sort, scored, offset, limit, ranking.personal());
                });
    }

    private static String reason(String sort, CatalogProduct p, ShopperRanking.Boost boost) {
        return switch (sort) {
            case "new_first" -> p.launchDate() == null ? "in " + p.topCategory() : "new since " + p.launchDate();
            case "price_asc", "price_desc" -> "sorted by price";
            case "best_selling", "top_rated" ->
                boost.because().contains("popular") ? "popular right now" : "in " + p.topCategory();
            default -> boost.because().isEmpty() ? "in " + p.topCategory() : boost.because();
        };
    }

    /** The comparator of a sort order; ties by id, so pages are stable. */
    static Comparator<Scored> order(String sort) {
        Comparator<Scored> byId = Comparator.comparing(s -> s.product().id());
        Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score).reversed();
        return switch (sort) {
            case "new_first" ->
                Comparator.comparing(
                                (Scored s) -> s.product().launchDate(),
                                Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
                        .thenComparing(byId);
            case "price_asc" ->
                Comparator.comparing(
                                (Scored s) -> s.product().price(),
                                Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
                        .thenComparing(byId);
            case "price_desc" ->
                Comparator.comparing(
                                (Scored s) -> s.product().price(),
                                Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
                        .thenComparing(byId);
            case "top_rated" ->
                Comparator.comparing((Scored s) -> rating(s.product()), Comparator.reverseOrder())
                        .thenComparing(byScore)
                        .thenComparing(byId);
            default -> byScore.thenComparing(byId);
        };
    }

    /** A product's rating from its {@code rating} attribute; 0 when it has none (then popularity decides). */
    static double rating(CatalogProduct p) {
        String value = p.attributes() == null ? null : p.attributes().get("rating");
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Uni<ShopperRanking> ranking(ShopperRef shopper, Boolean personalize, String category) {
        Uni<Optional<ProfileSnapshot>> profile =
                Boolean.FALSE.equals(personalize) || shopper == null || shopper.isEmpty()
                        ? Uni.createFrom().item(Optional.empty())
                        : shoppers.profile(shopper)
                                .map(found ->
                                        found.filter(p -> p.consentOrUnknown().allowsPersonalization(true)));
        Uni<List<String>> popular =
                category == null ? trending.top(CANDIDATES) : trending.topInCategory(category, CANDIDATES);
        return Uni.combine()
                .all()
                .unis(profile, popular.onFailure().recoverWithItem(List.of()))
                .asTuple()
                .map(t -> new ShopperRanking(t.getItem1(), t.getItem2()));
    }

    private static Results results(
            String query,
            String category,
            String sort,
            List<Scored> scored,
            int offset,
            int limit,
            boolean personalized) {
        List<RecommendedProduct> items = scored.stream()
                .skip(offset)
                .limit(limit)
                .map(s -> new RecommendedProduct(
                        s.product().id(),
                        s.product().title(),
                        s.product().price(),
                        s.product().currency(),
                        s.product().imageUrl(),
                        s.product().url(),
                        Math.round(s.score() * 10_000) / 10_000.0,
                        "search",
                        s.reason()))
                .toList();
        return new Results(query, category, sort, scored.size(), personalized, items);
    }

    private static int limit(Integer limit, List<Violation> violations) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return limit;
    }

    private static int offset(Integer offset, List<Violation> violations) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0 || offset > 10_000) {
            violations.add(new Violation("offset", "must be between 0 and 10000"));
        }
        return offset;
    }

    /** A product with its score for this request and why. */
    record Scored(CatalogProduct product, double score, String reason) {}
}
