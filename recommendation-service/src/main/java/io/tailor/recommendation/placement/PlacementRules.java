package io.tailor.recommendation.placement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The rules of a placement; every field is optional.
 *
 * @param inStockOnly only active products in stock (default true); false still never shows inactive products
 * @param excludePurchasedWithinDays leave out products the shopper bought within this many days (default: keep)
 * @param excludeCart leave out products in the cart (default true)
 * @param includeCategories only products with one of these categories at any level of their path
 * @param excludeCategories never products with one of these categories at any level of their path
 * @param pin product ids shown first, in this order, when available
 * @param boost product ids moved ahead of the others when a strategy proposes them
 * @param bury product ids moved behind the others when a strategy proposes them
 * @param minPrice lowest price shown (inclusive)
 * @param maxPrice highest price shown (inclusive)
 * @param maxPerBrand at most this many products of one brand
 * @param maxPerCategory at most this many products of one top category
 * @param diversityLambda MMR trade-off between relevance (1, the default: no re-ranking) and category diversity (0)
 * @param explorationShare fraction of the slots (0-1, default 0) given to the least shown candidates
 */
public record PlacementRules(
        Boolean inStockOnly,
        Integer excludePurchasedWithinDays,
        Boolean excludeCart,
        List<String> includeCategories,
        List<String> excludeCategories,
        List<String> pin,
        List<String> boost,
        List<String> bury,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        Integer maxPerBrand,
        Integer maxPerCategory,
        Double diversityLambda,
        Double explorationShare) {

    public static final PlacementRules DEFAULT =
            new PlacementRules(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public boolean inStockOnlyOrDefault() {
        return inStockOnly == null || inStockOnly;
    }

    public boolean excludeCartOrDefault() {
        return excludeCart == null || excludeCart;
    }

    public double lambdaOrDefault() {
        return diversityLambda == null ? 1.0 : diversityLambda;
    }

    public double explorationOrDefault() {
        return explorationShare == null ? 0.0 : explorationShare;
    }

    static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
