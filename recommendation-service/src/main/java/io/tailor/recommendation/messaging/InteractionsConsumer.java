package io.tailor.recommendation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.recommendation.cache.TrendingStore;
import io.tailor.recommendation.cache.TrendingStore.Interaction;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns popularity from {@code shopper-events}: views count 1, cart additions 3, purchased units 5. Records that
 * cannot be read are skipped (profile-service dead-letters them with the reason).
 */
@ApplicationScoped
public class InteractionsConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionsConsumer.class);

    private final ObjectMapper mapper;
    private final TrendingStore trending;
    private final CatalogIndex catalog;

    public InteractionsConsumer(ObjectMapper mapper, TrendingStore trending, CatalogIndex catalog) {
        this.mapper = mapper;
        this.trending = trending;
        this.catalog = catalog;
    }

    @Incoming(Topics.SHOPPER_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Interaction> interactions = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ShopperEvent event = mapper.readValue(record.value(), ShopperEvent.class);
                if (event != null && event.type() != null && event.occurredAt() != null) {
                    collect(event, interactions);
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.debugf(
                        "Skipping unreadable event at %s-%d@%d", record.topic(), record.partition(), record.offset());
            }
        }
        return trending.record(interactions);
    }

    private void collect(ShopperEvent event, List<Interaction> out) {
        EventProperties p = event.propertiesOrEmpty();
        switch (event.type()) {
            case PRODUCT_VIEW -> add(out, p.productId(), p.categoryPath(), 1, event);
            case ADD_TO_CART -> add(out, p.productId(), p.categoryPath(), 3, event);
            case ORDER_COMPLETED -> {
                if (p.lines() != null) {
                    for (OrderLine line : p.lines()) {
                        int units = line.quantity() == null ? 1 : Math.min(line.quantity(), 20);
                        add(out, line.productId(), line.categoryPath(), 5.0 * Math.sqrt(units), event);
                    }
                }
            }
            default -> {}
        }
    }

    private void add(List<Interaction> out, String productId, List<String> path, double weight, ShopperEvent event) {
        if (productId == null) {
            return;
        }
        String category = path != null && !path.isEmpty()
                ? path.getFirst()
                : catalog.get(productId).map(CatalogProduct::topCategory).orElse(null);
        out.add(new Interaction(productId, category, weight, event.occurredAt()));
    }
}
