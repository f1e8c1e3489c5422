package io.tailor.recommendation.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.JsonFailures;
import io.tailor.kit.problem.ProblemException;
import io.tailor.recommendation.Product;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps the catalogue: validates rows one by one (a bad row is reported and skipped, never stored), upserts the
 * good ones in one transaction, and keeps the in-memory {@link CatalogIndex} current.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);
    private static final int MAX_ROWS = 10_000;

    /** The outcome of an upload: how many rows were stored and why the others were not. */
    public record UpsertReport(int upserted, List<RowError> rejected) {}

    /** A row that was not stored. */
    public record RowError(int index, String productId, List<Violation> errors) {}

    private final CatalogIndex index = new CatalogIndex();
    private final ObjectMapper mapper;
    private final ProductValidator validator = new ProductValidator();
    private final CatalogChanges changes;

    public CatalogService(ObjectMapper mapper, CatalogChanges changes) {
        this.mapper = mapper;
        this.changes = changes;
    }

    @Produces
    CatalogIndex index() {
        return index;
    }

    void load(@Observes StartupEvent started) throws Throwable {
        List<Product> all =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Product.<Product>listAll()));
        all.forEach(p -> index.put(toCatalog(p)));
        LOG.infof("Catalogue loaded: %d products", index.size());
    }

    /**
     * Validates and stores rows given as a JSON array (or {"products": [...]}), then tells every replica through
     * {@code catalog-changes} (their in-memory catalogues follow; see {@link CatalogChanges}).
     */
    public Uni<UpsertReport> upsert(JsonNode body) {
        JsonNode rows = body != null && body.isObject() && body.has("products") ? body.get("products") : body;
        if (rows == null || !rows.isArray()) {
            throw ProblemException.invalid("", "expected a JSON array of products or {\"products\": [...]}");
        }
        if (rows.size() > MAX_ROWS) {
            throw new ProblemException(
                    413,
                    "batch-too-large",
                    "Too many products",
                    "At most " + MAX_ROWS + " products per request",
                    List.of());
        }
        Validated validated = validate(rows);
        if (validated.accepted().isEmpty()) {
            return Uni.createFrom().item(new UpsertReport(0, validated.rejected()));
        }
        return store(validated.accepted())
                .invoke(() -> validated.accepted().values().forEach(input -> index.put(toCatalog(input))))
                .call(() -> changes.published(validated.accepted().values()))
                .map(count -> new UpsertReport(count, validated.rejected()));
    }

    /** Rows that passed validation (by id; the last row of an id wins) and the rows that did not. */
    public record Validated(Map<String, ProductInput> accepted, List<RowError> rejected) {}

    /** Validates each row on its own: a bad row is reported and never stored, the others are. */
    public Validated validate(JsonNode rows) {
        List<RowError> rejected = new ArrayList<>();
        Map<String, ProductInput> accepted = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String prefix = "[" + i + "].";
            JsonNode row = rows.get(i);
            String id = row.hasNonNull("id") ? row.get("id").asText() : null;
            try {
                ProductInput input = mapper.treeToValue(row, ProductInput.class);
                List<Violation> violations = validator.validate(input, prefix);
                if (violations.isEmpty()) {
                    accepted.put(input.id(), input);
                } else {
                    rejected.add(new RowError(i, id, violations));
                }
            } catch (JsonProcessingException e) {
                rejected.add(new RowError(i, id, List.of(JsonFailures.violation(e, prefix))));
            }
        }
        return new Validated(accepted, rejected);
    }

    /** Writes validated rows to PostgreSQL (insert or update by id); the count written. */
    public Uni<Integer> store(Map<String, ProductInput> accepted) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Product.<Product>list("id in ?1", List.copyOf(accepted.keySet()))
                .flatMap(existing -> {
                    Map<String, Product> byId = new LinkedHashMap<>();
                    existing.forEach(p -> byId.put(p.id, p));
                    List<Product> toPersist = new ArrayList<>();
                    for (ProductInput input : accepted.values()) {
                        Product product = byId.get(input.id());
                        if (product == null) {
                            product = new Product();
                            product.id = input.id();
                            toPersist.add(product);
                        }
                        apply(input, product, now);
                    }
                    return Product.persist(toPersist).replaceWith(byId.values().size() + toPersist.size());
                }));
    }

    /** Applies validated rows to this replica's in-memory catalogue. */
    public void index(Iterable<ProductInput> rows) {
        rows.forEach(input -> index.put(toCatalog(input)));
    }

    /** Marks products inactive in PostgreSQL (a removal on catalog-changes: products are never hard-deleted). */
    public Uni<Void> deactivate(List<String> ids) {
        return Panache.withTransaction(
                        () -> Product.update("active = false, updatedAt = ?1 where id in ?2", Instant.now(), ids))
                .replaceWithVoid();
    }

    /** Marks products inactive in this replica's in-memory catalogue. */
    public void deactivateInIndex(List<String> ids) {
        for (String id : ids) {
            index.get(id)
                    .ifPresent(p -> index.put(new CatalogProduct(
                            p.id(),
                            p.title(),
                            p.description(),
                            p.categoryPath(),
                            p.brand(),
                            p.attributes(),
                            p.price(),
                            p.currency(),
                            p.stock(),
                            p.launchDate(),
                            p.imageUrl(),
                            p.url(),
                            false)));
        }
    }

    @WithSession
    public Uni<Product> find(String productId) {
        return Product.findById(productId);
    }

    private void apply(ProductInput input, Product product, Instant now) {
        product.title = input.title();
        product.description = input.description();
        product.categoryPath =
                input.categoryPath() == null ? "" : String.join(Product.PATH_SEPARATOR, input.categoryPath());
        product.brand = input.brand();
        product.attributes = json(input.attributes() == null ? Map.of() : input.attributes());
        product.price = input.price();
        product.currency = input.currency();
        product.stock = input.stock();
        product.launchDate = input.launchDate();
        product.imageUrl = input.imageUrl();
        product.url = input.url();
        product.active = input.active() == null || input.active();
        product.updatedAt = now;
    }

    private static CatalogProduct toCatalog(ProductInput p) {
        return new CatalogProduct(
                p.id(),
                p.title(),
                p.description(),
                p.categoryPath() == null ? List.of() : List.copyOf(p.categoryPath()),
                p.brand(),
                p.attributes() == null ? Map.of() : Map.copyOf(p.attributes()),
                p.price(),
                p.currency(),
                p.stock(),
                p.launchDate(),
                p.imageUrl(),
                p.url(),
                p.active() == null || p.active());
    }

    private CatalogProduct toCatalog(Product p) {
        List<String> path = p.categoryPath == null || p.categoryPath.isEmpty()
                ? List.of()
                : Arrays.asList(p.categoryPath.split(java.util.regex.Pattern.quote(Product.PATH_SEPARATOR)));
        Map<String, String> attributes;
        try {
            attributes = mapper.readValue(p.attributes, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            attributes = Map.of();
        }
        return new CatalogProduct(
                p.id,
                p.title,
                p.description,
                List.copyOf(path),
                p.brand,
                attributes,
                p.price,
                p.currency,
                p.stock,
                p.launchDate,
                p.imageUrl,
                p.url,
                p.active);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
