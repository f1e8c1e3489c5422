package io.tailor.recommendation.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One product row as sent to the catalogue API.
 *
 * @param categoryPath top level first, e.g. ["Home", "Kitchen", "Mugs"]
 * @param stock units in stock; absent when not tracked
 * @param active false hides the product from every placement
 */
// read and written by Jackson outside REST signatures (database JSON), so native images need it
@RegisterForReflection
public record ProductInput(
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
        Boolean active) {}
