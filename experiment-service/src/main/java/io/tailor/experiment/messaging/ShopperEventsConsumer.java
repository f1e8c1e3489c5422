package io.tailor.experiment.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.experiment.domain.MetricDefinition;
import io.tailor.experiment.repository.MeasurementStore;
import io.tailor.experiment.service.ExperimentCatalog;
import io.tailor.experiment.service.ExperimentDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns conversions on {@code shopper-events} into per-unit metric values of the experiments the shopper was
 * exposed to before the event (by customer id, else anonymous id). Each event id counts once.
 */
@ApplicationScoped
public class ShopperEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ShopperEventsConsumer.class);

    private final ObjectMapper mapper;
    private final MeasurementStore store;
    private final ExperimentCatalog catalog;

    public ShopperEventsConsumer(ObjectMapper mapper, MeasurementStore store, ExperimentCatalog catalog) {
        this.mapper = mapper;
        this.store = store;
        this.catalog = catalog;
    }

    @Incoming(Topics.SHOPPER_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ShopperEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ShopperEvent e = mapper.readValue(record.value(), ShopperEvent.class);
                if (e != null
                        && e.type() != null
                        && e.eventId() != null
                        && e.eventId().length() <= 64
                        && (e.customerId() != null || e.anonymousId() != null)) {
                    events.add(e);
                }
            } catch (Exception ex) {
                LOG.warnf(
                        "Shopper event at %s-%d/%d skipped: unreadable (%s)",
                        record.topic(), record.partition(), record.offset(), ex.getMessage());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.metrics().flatMap(metrics -> {
            Set<String> types = new HashSet<>();
            metrics.forEach(m -> {
                types.add(m.eventType());
                if (m.denominatorEventType() != null) {
                    types.add(m.denominatorEventType());
                }
            });
            List<ShopperEvent> relevant = events.stream()
                    .filter(e -> types.contains(e.type().wireName()))
                    .toList();
            Set<String> units = new LinkedHashSet<>();
            relevant.forEach(e -> {
                if (e.customerId() != null) {
                    units.add(e.customerId());
                }
                if (e.anonymousId() != null) {
                    units.add(e.anonymousId());
                }
            });
            return store.applyEvents(
                            relevant.stream()
                                    .map(ShopperEvent::eventId)
                                    .distinct()
                                    .toList(),
                            units,
                            (fresh, exposed) -> attribute(relevant, fresh, exposed, metrics))
                    .replaceWithVoid();
        });
    }

    /** The metric changes of the new events, for the experiments their shopper was exposed to. */
    List<MeasurementStore.MetricDelta> attribute(
            List<ShopperEvent> events,
            Set<String> fresh,
            List<MeasurementStore.Exposed> exposed,
            List<MetricDefinition> metrics) {
        Map<String, List<MeasurementStore.Exposed>> byUnit = new HashMap<>();
        exposed.forEach(
                x -> byUnit.computeIfAbsent(x.unitId(), u -> new ArrayList<>()).add(x));
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
        for (ShopperEvent e : events) {
            if (!counted.add(e.eventId()) || !fresh.contains(e.eventId())) {
                continue;
            }
            Instant at =
                    e.receivedAt() != null ? e.receivedAt() : e.occurredAt() != null ? e.occurredAt() : Instant.now();
            Set<String> experiments = new HashSet<>();
            for (String unit : new String[] {e.customerId(), e.anonymousId()}) {
                if (unit == null) {
                    continue;
                }
                for (MeasurementStore.Exposed x : byUnit.getOrDefault(unit, List.of())) {
                    if (!experiments.add(x.experimentKey())) {
                        continue;
                    }
                    for (MetricDefinition m : metricsOf(x.experimentKey(), metrics)) {
                        MetricDefinition.Contribution c = m.contribution(e, at, x.firstAt());
                        if (c == null) {
                            continue;
                        }
                        double[] s = sums.computeIfAbsent(
                                x.experimentKey() + "\u0000" + unit + "\u0000" + m.key(), k -> new double[3]);
                        s[0] += c.value();
                        s[1] += c.denominator();
                        s[2] += c.events();
                    }
                }
            }
        }
        List<MeasurementStore.MetricDelta> deltas = new ArrayList<>();
        sums.forEach((k, s) -> {
            String[] parts = k.split("\u0000", 3);
            deltas.add(new MeasurementStore.MetricDelta(parts[0], parts[1], parts[2], s[0], s[1], (int) s[2]));
        });
        return deltas;
    }

    private List<MetricDefinition> metricsOf(String experimentKey, List<MetricDefinition> metrics) {
        ExperimentDefinition d = catalog.find(experimentKey);
        if (d == null || (d.metricsOrEmpty().isEmpty() && d.guardrailsOrEmpty().isEmpty())) {
            return metrics;
        }
        Set<String> wanted = new HashSet<>(d.metricsOrEmpty());
        wanted.addAll(d.guardrailsOrEmpty());
        return metrics.stream().filter(m -> wanted.contains(m.key())).toList();
    }
}
