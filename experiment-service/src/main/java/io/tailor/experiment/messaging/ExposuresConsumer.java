package io.tailor.experiment.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.experiment.Exposure;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.experiment.repository.MeasurementStore;
import io.tailor.experiment.service.ExperimentCatalog;
import io.tailor.experiment.service.ExperimentDefinition;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records exposures from {@code exposures}, one per unit and experiment (repeats dropped, a unit seen in two
 * variations flagged). Units forced for QA are not measured. For a new unit, its orders and spend so far (CUPED
 * covariates) and its segments are read from the hot profile.
 */
@ApplicationScoped
public class ExposuresConsumer {

    private static final Logger LOG = Logger.getLogger(ExposuresConsumer.class);

    private final ObjectMapper mapper;
    private final MeasurementStore store;
    private final ExperimentCatalog catalog;
    private final ShopperStateReader shoppers;

    public ExposuresConsumer(
            ObjectMapper mapper, MeasurementStore store, ExperimentCatalog catalog, ShopperStateReader shoppers) {
        this.mapper = mapper;
        this.store = store;
        this.catalog = catalog;
        this.shoppers = shoppers;
    }

    @Incoming(Topics.EXPOSURES)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Map<String, MeasurementStore.NewExposure> batch = new LinkedHashMap<>();
        Map<String, MeasurementStore.NewExposure> conflicting = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            Exposure e = parse(record);
            if (e == null) {
                continue;
            }
            ExperimentDefinition d = catalog.find(e.experimentKey());
            if (d != null && d.forcedOrEmpty().containsKey(e.unitId())) {
                continue;
            }
            String id = e.experimentKey() + "\u0000" + e.unitId();
            MeasurementStore.NewExposure previous = batch.get(id);
            MeasurementStore.NewExposure next = new MeasurementStore.NewExposure(
                    e.experimentKey(),
                    e.unitId(),
                    e.variationIndex(),
                    e.variationKey(),
                    e.profileId(),
                    e.at() == null ? Instant.now() : e.at());
            if (previous == null) {
                batch.put(id, next);
            } else if (!previous.variationKey().equals(next.variationKey())) {
                // Two variations in one batch: recorded after the first, which flags the unit.
                conflicting.putIfAbsent(id, next);
            }
        }
        return record(new ArrayList<>(batch.values()))
                .call(() -> store.recordExposures(new ArrayList<>(conflicting.values())));
    }

    Uni<Void> record(List<MeasurementStore.NewExposure> exposures) {
        return store.recordExposures(exposures).flatMap(fresh -> {
            List<MeasurementStore.FirstExposure> known =
                    fresh.stream().filter(f -> f.profileId() != null).toList();
            if (known.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<MeasurementStore.Covariates>> reads = known.stream()
                    .map(f -> Uni.combine()
                            .all()
                            .unis(shoppers.profile(f.profileId()), shoppers.memberships(f.profileId()))
                            .with((Optional<ProfileSnapshot> p, Map<String, Instant> m) ->
                                    new MeasurementStore.Covariates(
                                            f.experimentKey(),
                                            f.unitId(),
                                            p.map(ProfileSnapshot::orders).orElse(0),
                                            p.map(s -> s.totalSpend() == null
                                                            ? 0.0
                                                            : s.totalSpend().doubleValue())
                                                    .orElse(0.0),
                                            List.copyOf(m.keySet())))
                            .onFailure()
                            .recoverWithItem(
                                    new MeasurementStore.Covariates(f.experimentKey(), f.unitId(), 0, 0, List.of())))
                    .toList();
            return Uni.join().all(reads).andFailFast().flatMap(store::setCovariates);
        });
    }

    private Exposure parse(ConsumerRecord<String, String> record) {
        try {
            Exposure e = mapper.readValue(record.value(), Exposure.class);
            if (e == null
                    || e.experimentKey() == null
                    || e.unitId() == null
                    || e.variationKey() == null
                    || e.unitId().length() > 128
                    || e.experimentKey().length() > 64
                    || e.variationKey().length() > 64) {
                LOG.warnf(
                        "Exposure at %s-%d/%d skipped: incomplete",
                        record.topic(), record.partition(), record.offset());
                return null;
            }
            return e;
        } catch (Exception ex) {
            LOG.warnf(
                    "Exposure at %s-%d/%d skipped: unreadable (%s)",
                    record.topic(), record.partition(), record.offset(), ex.getMessage());
            return null;
        }
    }
}
