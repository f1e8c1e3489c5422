package io.tailor.recommendation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.recommendation.cache.TrendingStore;
import io.tailor.recommendation.cache.TrendingStore.Interaction;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.repository.OrderLineStore;
import io.tailor.recommendation.repository.OrderLineStore.OrderedLine;
import io.tailor.recommendation.repository.SessionViewStore;
import io.tailor.recommendation.repository.SessionViewStore.SessionView;
import io.tailor.recommendation.service.InteractionModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns from {@code shopper-events}: popularity (views count 1, cart additions 3, purchased units 5), the product
 * views of each session (session-based and co-view models) and the lines of each order (co-purchase and
 * similar-shopper models), stored and added to the {@link InteractionModels} incrementally. Records that cannot be read are skipped
 * (profile-service dead-letters them with the reason).
 */
@ApplicationScoped
public class InteractionsConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionsConsumer.class);

    private final ObjectMapper mapper;
    private final TrendingStore trending;
    private final CatalogIndex catalog;
    private final SessionViewStore sessions;
    private final ShopperStateReader shoppers;
    private final OrderLineStore orders;
    private final InteractionModels models;

    public InteractionsConsumer(
            ObjectMapper mapper,
            TrendingStore trending,
            CatalogIndex catalog,
            SessionViewStore sessions,
            ShopperStateReader shoppers,
            OrderLineStore orders,
            InteractionModels models) {
        this.orders = orders;
        this.models = models;
        this.mapper = mapper;
        this.trending = trending;
        this.catalog = catalog;
        this.sessions = sessions;
        this.shoppers = shoppers;
    }

    @Incoming(Topics.SHOPPER_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Map.Entry<ShopperRef, Interaction>> interactions = new ArrayList<>();
        List<SessionView> views = new ArrayList<>();
        List<OrderedLine> lines = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ShopperEvent event = mapper.readValue(record.value(), ShopperEvent.class);
                if (event != null && event.type() != null && event.occurredAt() != null) {
                    collect(event, interactions);
                    sessionView(event).ifPresent(views::add);
                    orderLines(event, lines);
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.debugf(
                        "Skipping unreadable event at %s-%d@%d", record.topic(), record.partition(), record.offset());
            }
        }
        return withConsent(views, v -> new ShopperRef(v.anonymousId(), v.customerId()))
                .flatMap(allowedViews -> withConsent(lines, l -> new ShopperRef(l.anonymousId(), l.customerId()))
                        .flatMap(allowedLines -> sessions.record(allowedViews)
                                .call(() -> orders.record(allowedLines))
                                .invoke(() -> models.observe(allowedViews, allowedLines))))
                .call(() -> inSegments(interactions).flatMap(trending::record));
    }

    /**
     * Each interaction with the segments its shopper is in (segment-service's memberships in Redis), read once per
     * shopper of the batch; a shopper whose memberships cannot be read counts without segments.
     */
    private Uni<List<Interaction>> inSegments(List<Map.Entry<ShopperRef, Interaction>> interactions) {
        if (interactions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<ShopperRef, Uni<List<String>>> lookups = new LinkedHashMap<>();
        for (Map.Entry<ShopperRef, Interaction> e : interactions) {
            lookups.computeIfAbsent(
                    e.getKey(),
                    ref -> ref.isEmpty()
                            ? Uni.createFrom().item(List.<String>of())
                            : shoppers.profileId(ref)
                                    .flatMap(id -> id.isEmpty()
                                            ? Uni.createFrom().item(List.<String>of())
                                            : shoppers.memberships(id.get()).map(m -> List.copyOf(m.keySet())))
                                    .onFailure()
                                    .recoverWithItem(List.of()));
        }
        List<ShopperRef> refs = new ArrayList<>(lookups.keySet());
        return Uni.join().all(new ArrayList<>(lookups.values())).andFailFast().map(found -> {
            Map<ShopperRef, List<String>> segments = new HashMap<>();
            for (int i = 0; i < refs.size(); i++) {
                segments.put(refs.get(i), found.get(i));
            }
            return interactions.stream()
                    .map(e -> e.getValue().inSegments(segments.get(e.getKey())))
                    .toList();
        });
    }

    /** The lines of a completed order, keyed by its order id (the event id when it has none). */
    private static void orderLines(ShopperEvent event, List<OrderedLine> out) {
        EventProperties p = event.propertiesOrEmpty();
        if (event.type() != EventType.ORDER_COMPLETED || p.lines() == null) {
            return;
        }
        String orderKey = p.orderId() != null ? p.orderId() : event.eventId();
        if (orderKey == null || orderKey.length() > 200) {
            return;
        }
        for (OrderLine line : p.lines()) {
            if (line != null && line.productId() != null && line.productId().length() <= 64) {
                int quantity = line.quantity() == null ? 1 : Math.max(1, line.quantity());
                out.add(new OrderedLine(
                        orderKey,
                        line.productId(),
                        quantity,
                        event.occurredAt(),
                        truncate(event.anonymousId()),
                        truncate(event.customerId())));
            }
        }
    }

    /**
     * Only the views and orders of shoppers who allow personalization are kept (popularity counts are anonymous and
     * use every event). A shopper whose profile is not known yet follows the default policy (docs/privacy.md).
     */
    private <T> Uni<List<T>> withConsent(List<T> views, Function<T, ShopperRef> shopper) {
        if (views.isEmpty()) {
            return Uni.createFrom().item(views);
        }
        Map<ShopperRef, Uni<Boolean>> checks = new LinkedHashMap<>();
        for (T v : views) {
            checks.computeIfAbsent(shopper.apply(v), ref -> shoppers.digest(ref)
                    .map(d -> d.map(digest -> digest.consentOrUnknown().allowsPersonalization(true))
                            .orElse(true)));
        }
        List<ShopperRef> refs = new ArrayList<>(checks.keySet());
        return Uni.join().all(new ArrayList<>(checks.values())).andFailFast().map(allowed -> {
            Map<ShopperRef, Boolean> byShopper = new HashMap<>();
            for (int i = 0; i < refs.size(); i++) {
                byShopper.put(refs.get(i), allowed.get(i));
            }
            return views.stream().filter(v -> byShopper.get(shopper.apply(v))).toList();
        });
    }

    private static Optional<SessionView> sessionView(ShopperEvent event) {
        String productId = event.propertiesOrEmpty().productId();
        if (event.type() != EventType.PRODUCT_VIEW
                || productId == null
                || event.sessionId() == null
                || event.eventId() == null
                || productId.length() > 64
                || event.sessionId().length() > 128
                || event.eventId().length() > 64) {
            return Optional.empty();
        }
        return Optional.of(new SessionView(
                event.eventId(),
                event.sessionId(),
                productId,
                event.occurredAt(),
                truncate(event.anonymousId()),
                truncate(event.customerId())));
    }

    private static String truncate(String id) {
        return id == null || id.length() <= 128 ? id : id.substring(0, 128);
    }

    private void collect(ShopperEvent event, List<Map.Entry<ShopperRef, Interaction>> out) {
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

    private void add(
            List<Map.Entry<ShopperRef, Interaction>> out,
            String productId,
            List<String> path,
            double weight,
            ShopperEvent event) {
        if (productId == null) {
            return;
        }
        String category = path != null && !path.isEmpty()
                ? path.getFirst()
                : catalog.get(productId).map(CatalogProduct::topCategory).orElse(null);
        out.add(Map.entry(
                new ShopperRef(event.anonymousId(), event.customerId()),
                new Interaction(productId, category, weight, event.occurredAt())));
    }
}
