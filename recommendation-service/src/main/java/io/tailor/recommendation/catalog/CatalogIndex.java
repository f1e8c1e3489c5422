package io.tailor.recommendation.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue in memory, for strategies that must answer in a few milliseconds. Loaded from PostgreSQL at start
 * and updated on every accepted upsert.
 */
public final class CatalogIndex {

    private final Map<String, CatalogProduct> products = new ConcurrentHashMap<>();

    public void put(CatalogProduct product) {
        products.put(product.id(), product);
    }

    public void putAll(Collection<CatalogProduct> all) {
        all.forEach(this::put);
    }

    public Optional<CatalogProduct> get(String productId) {
        return Optional.ofNullable(products.get(productId));
    }

    public int size() {
        return products.size();
    }

    public List<CatalogProduct> all() {
        return List.copyOf(products.values());
    }
}
