package io.tailor.recommendation.catalog;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The catalogue in memory, for strategies that must answer in a few milliseconds. Loaded from PostgreSQL at start
 * and updated on every accepted upsert. Also indexes products by top category and by full category path, the launch dates of each top category newest first, and keeps
 * each product's text tokens (title, description, brand) for content similarity.
 */
public final class CatalogIndex {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MIN_TOKEN = 3;

    private final Map<String, CatalogProduct> products = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byTopCategory = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byPath = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<Launch>> launches = new ConcurrentHashMap<>();

    /** A product's launch date, for the newest-first index of each top category. */
    public record Launch(LocalDate date, String productId) {}

    private static final Comparator<Launch> NEWEST_FIRST =
            Comparator.comparing(Launch::date).reversed().thenComparing(Launch::productId);

    private final List<Consumer<CatalogProduct>> listeners = new CopyOnWriteArrayList<>();

    /** Is told of every product put from now on (the search index follows the catalogue this way). */
    public void onPut(Consumer<CatalogProduct> listener) {
        listeners.add(listener);
    }

    public void put(CatalogProduct product) {
        CatalogProduct previous = products.put(product.id(), product);
        listeners.forEach(l -> l.accept(product));
        if (previous != null) {
            remove(byTopCategory, previous.topCategory(), previous.id());
            remove(byPath, pathKey(previous.categoryPath()), previous.id());
            if (previous.topCategory() != null && previous.launchDate() != null) {
                NavigableSet<Launch> set = launches.get(previous.topCategory());
                if (set != null) {
                    set.remove(new Launch(previous.launchDate(), previous.id()));
                }
            }
        }
        if (product.topCategory() != null) {
            byTopCategory
                    .computeIfAbsent(product.topCategory(), k -> ConcurrentHashMap.newKeySet())
                    .add(product.id());
            byPath.computeIfAbsent(pathKey(product.categoryPath()), k -> ConcurrentHashMap.newKeySet())
                    .add(product.id());
            if (product.launchDate() != null) {
                launches.computeIfAbsent(product.topCategory(), k -> new ConcurrentSkipListSet<>(NEWEST_FIRST))
                        .add(new Launch(product.launchDate(), product.id()));
            }
        }
        tokens.put(product.id(), tokenize(product));
    }

    public void putAll(Collection<CatalogProduct> all) {
        all.forEach(this::put);
    }

    public Optional<CatalogProduct> get(String productId) {
        return productId == null ? Optional.empty() : Optional.ofNullable(products.get(productId));
    }

    public int size() {
        return products.size();
    }

    public List<CatalogProduct> all() {
        return List.copyOf(products.values());
    }

    /** Ids of the products whose top category is {@code category}. */
    public Set<String> inTopCategory(String category) {
        return category == null ? Set.of() : byTopCategory.getOrDefault(category, Set.of());
    }

    /** Ids of the products with exactly this category path. */
    public Set<String> inPath(List<String> path) {
        return path == null || path.isEmpty() ? Set.of() : byPath.getOrDefault(pathKey(path), Set.of());
    }

    /** The products of a top category with a launch date, newest first. */
    public NavigableSet<Launch> launchesIn(String category) {
        NavigableSet<Launch> set = category == null ? null : launches.get(category);
        return set == null ? java.util.Collections.emptyNavigableSet() : set;
    }

    /** The top categories that hold products. */
    public Set<String> topCategories() {
        return byTopCategory.keySet();
    }

    /** Lower-case words of at least three letters from the title, description and brand. */
    public Set<String> tokens(String productId) {
        return tokens.getOrDefault(productId, Set.of());
    }

    static Set<String> tokenize(CatalogProduct p) {
        String text = (p.title() == null ? "" : p.title()) + " " + (p.description() == null ? "" : p.description())
                + " " + (p.brand() == null ? "" : p.brand());
        Set<String> out = new java.util.HashSet<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (word.length() >= MIN_TOKEN && out.size() < 200) {
                out.add(word);
            }
        }
        return Set.copyOf(out);
    }

    private static String pathKey(List<String> path) {
        return String.join("\u001f", path);
    }

    private static void remove(Map<String, Set<String>> index, String key, String id) {
        if (key != null) {
            Set<String> ids = index.get(key);
            if (ids != null) {
                ids.remove(id);
            }
        }
    }
}
