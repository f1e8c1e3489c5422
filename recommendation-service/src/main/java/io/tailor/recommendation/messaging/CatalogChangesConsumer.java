package io.tailor.recommendation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import io.tailor.recommendation.catalog.CatalogChanges;
import io.tailor.recommendation.catalog.CatalogService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The catalogue from {@code catalog-changes} (key = product id; value = a product row as for
 * {@code PUT /v1/catalog/products}; a tombstone, an empty value, removes the product by marking it inactive).
 * <ul>
 *   <li>{@code catalog-changes} (one consumer group for the service): validates each row on its own and stores the
 *       valid ones in PostgreSQL; a bad row is logged with its reasons and skipped, never stored. Changes the API
 *       already stored are skipped.
 *   <li>{@code catalog-index} (a group per replica, from the latest offset): applies every valid change to this
 *       replica's in-memory catalogue, so all replicas recommend from the same products.
 * </ul>
 */
@ApplicationScoped
public class CatalogChangesConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogChangesConsumer.class);

    private final CatalogService catalog;
    private final ObjectMapper mapper;

    public CatalogChangesConsumer(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /** What a batch of records asks for: rows to upsert and ids to remove. */
    private record Batch(ArrayNode rows, List<String> removed) {}

    @Incoming("catalog-changes")
    public Uni<Void> store(ConsumerRecords<String, String> records) {
        Batch batch = read(records, true);
        CatalogService.Validated validated = catalog.validate(batch.rows());
        validated
                .rejected()
                .forEach(r -> LOG.warnf("catalog-changes: product %s not stored: %s", r.productId(), r.errors()));
        Uni<Integer> stored =
                validated.accepted().isEmpty() ? Uni.createFrom().item(0) : catalog.store(validated.accepted());
        return stored.call(() ->
                        batch.removed().isEmpty() ? Uni.createFrom().voidItem() : catalog.deactivate(batch.removed()))
                .replaceWithVoid();
    }

    @Incoming("catalog-index")
    public void index(ConsumerRecords<String, String> records) {
        Batch batch = read(records, false);
        catalog.index(catalog.validate(batch.rows()).accepted().values());
        catalog.deactivateInIndex(batch.removed());
    }

    private Batch read(ConsumerRecords<String, String> records, boolean skipStored) {
        ArrayNode rows = mapper.createArrayNode();
        List<String> removed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (skipStored && CatalogChanges.stored(record.headers())) {
                continue;
            }
            if (record.value() == null || record.value().isBlank()) {
                if (record.key() != null) {
                    removed.add(record.key());
                }
                continue;
            }
            try {
                rows.add(mapper.readTree(record.value()));
            } catch (JsonProcessingException e) {
                LOG.warnf(
                        "catalog-changes: unreadable row at %s-%d@%d skipped: %s",
                        record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            }
        }
        return new Batch(rows, removed);
    }
}
