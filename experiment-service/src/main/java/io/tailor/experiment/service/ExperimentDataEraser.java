package io.tailor.experiment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.experiment.cache.StickyAssignments;
import io.tailor.experiment.repository.MeasurementStore;
import io.tailor.kit.privacy.ShopperDataEraser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erases what experiment-service holds about a shopper: exposures and metric values (by unit id and profile id) and
 * remembered sticky assignments. Idempotent.
 */
@ApplicationScoped
public class ExperimentDataEraser implements ShopperDataEraser {

    private final MeasurementStore store;
    private final StickyAssignments sticky;
    private final ExperimentCatalog catalog;

    public ExperimentDataEraser(MeasurementStore store, StickyAssignments sticky, ExperimentCatalog catalog) {
        this.store = store;
        this.sticky = sticky;
        this.catalog = catalog;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        Set<String> units = new LinkedHashSet<>();
        if (request.customerId() != null) {
            units.add(request.customerId());
        }
        if (request.anonymousIds() != null) {
            units.addAll(request.anonymousIds());
        }
        if (request.profileId() != null) {
            units.add(request.profileId());
        }
        List<String> stickyExperiments = catalog.all().stream()
                .filter(d -> d.stickyDays() != null)
                .map(ExperimentDefinition::key)
                .toList();
        return store.erase(units, request.profileId()).call(() -> sticky.forget(stickyExperiments, units));
    }
}
