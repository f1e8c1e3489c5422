package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.experiment.Experiment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The running experiments in memory, for assignment in microseconds. Reloaded at start, after every change made
 * here, and every few seconds (changes made by other replicas).
 */
@ApplicationScoped
public class ExperimentCatalog {

    private static final Logger LOG = Logger.getLogger(ExperimentCatalog.class);

    private final ObjectMapper mapper;
    private volatile List<ExperimentDefinition> running = List.of();

    public ExperimentCatalog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "${experiment.catalog-refresh:5s}", delayed = "5s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(f -> LOG.warnf("Experiments not refreshed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> Experiment.<Experiment>list("status = 'running' order by key"))
                .invoke(all -> running = all.stream().map(this::definition).toList())
                .replaceWithVoid();
    }

    public List<ExperimentDefinition> running() {
        return running;
    }

    /** The API view of a stored experiment. */
    public ExperimentDefinition definition(Experiment e) {
        try {
            List<ExperimentDefinition.Variation> variations =
                    mapper.readValue(e.variations, new TypeReference<List<ExperimentDefinition.Variation>>() {});
            ExperimentDefinition.Targeting targeting =
                    mapper.readValue(e.targeting, ExperimentDefinition.Targeting.class);
            ExperimentDefinition.Namespace namespace = e.namespaceId == null
                    ? null
                    : new ExperimentDefinition.Namespace(e.namespaceId, e.namespaceStart, e.namespaceEnd);
            return new ExperimentDefinition(
                    e.key,
                    e.name,
                    e.description,
                    e.status,
                    variations,
                    e.coverage,
                    e.hashAttribute,
                    e.hashVersion,
                    e.seed,
                    namespace,
                    targeting,
                    e.version);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("unreadable experiment " + e.key, ex);
        }
    }
}
