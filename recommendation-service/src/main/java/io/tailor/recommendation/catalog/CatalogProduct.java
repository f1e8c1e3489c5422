package io.tailor.recommendation.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A product as the strategies see it: immutable, held in memory by the {@link CatalogIndex}.
 *
 * @param categoryPath top level first
 * @param stock null when the store does not track stock (treated as available)
 */
public record CatalogProduct(
        String id,
        String title,
        String description,
        List<String> categoryPath,
        String brand,
        Map<String, String> attributes,
        BigDecimal price,
        String currency,
        Integer stock,
        LocalDate launchDate,
        String imageUrl,
        String url,
        boolean active) {

    /** Whether it may be recommended: active and not out of stock. */
    public boolean available() {
        return active && (stock == null || stock > 0);
    }

    public String topCategory() {
        return categoryPath.isEmpty() ? null : categoryPath.getFirst();
    }
}
