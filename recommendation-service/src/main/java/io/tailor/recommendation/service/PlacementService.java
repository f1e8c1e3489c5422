package io.tailor.recommendation.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.recommendation.placement.DefaultPlacements;
import io.tailor.recommendation.placement.PlacementDefinition;
import io.tailor.recommendation.placement.PlacementValidator;
import io.tailor.recommendation.repository.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The placements: stored in PostgreSQL, held in memory for the request path, reloaded every 30 seconds so changes
 * made through another replica arrive. The default placements are stored at start when their key is missing.
 */
@ApplicationScoped
public class PlacementService {

    private static final Logger LOG = Logger.getLogger(PlacementService.class);

    private final PlacementStore store;
    private final PlacementValidator validator;
    private volatile Map<String, PlacementDefinition> placements = Map.of();

    public PlacementService(PlacementStore store, Strategies strategies) {
        this.store = store;
        this.validator = new PlacementValidator(strategies.names());
    }

    void onStart(@Observes StartupEvent start) {
        Uni.join()
                .all(DefaultPlacements.all().stream().map(store::insert).toList())
                .andFailFast()
                .flatMap(inserted -> reload())
                .await()
                .atMost(Duration.ofSeconds(30));
        LOG.infof(
                "Placements loaded: %s",
                String.join(", ", placements.keySet().stream().sorted().toList()));
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reload();
    }

    Uni<Void> reload() {
        return store.all()
                .invoke(all -> {
                    Map<String, PlacementDefinition> next = new ConcurrentHashMap<>();
                    all.forEach(p -> next.put(p.key(), p));
                    placements = next;
                })
                .replaceWithVoid();
    }

    /** The placement of this key, from memory. */
    public Optional<PlacementDefinition> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(placements.get(key));
    }

    /** Every placement key, sorted. */
    public List<String> keys() {
        return placements.keySet().stream().sorted().toList();
    }

    public List<PlacementDefinition> list() {
        return placements.values().stream()
                .sorted(java.util.Comparator.comparing(PlacementDefinition::key))
                .toList();
    }

    public PlacementDefinition get(String key) {
        return find(key).orElseThrow(() -> ProblemException.notFound("No placement '" + key + "'"));
    }

    public Uni<PlacementDefinition> create(PlacementDefinition placement) {
        check(placement);
        return store.insert(placement).flatMap(inserted -> {
            if (!inserted) {
                throw ProblemException.conflict("A placement '" + placement.key() + "' exists; update it with PUT");
            }
            return reload().replaceWith(placement);
        });
    }

    public Uni<PlacementDefinition> update(String key, PlacementDefinition placement) {
        if (placement != null && placement.key() != null && !placement.key().equals(key)) {
            throw ProblemException.invalid("key", "must match the key in the path ('" + key + "') or be absent");
        }
        PlacementDefinition keyed = placement == null ? null : placement.withKey(key);
        check(keyed);
        return store.update(keyed).flatMap(updated -> {
            if (!updated) {
                throw ProblemException.notFound("No placement '" + key + "'");
            }
            return reload().replaceWith(keyed);
        });
    }

    public Uni<Void> delete(String key) {
        return store.delete(key).flatMap(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No placement '" + key + "'");
            }
            return reload();
        });
    }

    private void check(PlacementDefinition placement) {
        List<Violation> violations = validator.validate(placement);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
