package io.tailor.recommendation.strategy;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;

/** Short reasons a shopper can read, naming products by title. */
final class Reasons {

    private static final int MAX_TITLE = 60;

    private Reasons() {}

    /** The product's title, shortened; "this product" when unknown. */
    static String title(CatalogIndex catalog, String productId) {
        return catalog.get(productId)
                .map(CatalogProduct::title)
                .map(t -> t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 1) + "…")
                .orElse("this product");
    }
}
