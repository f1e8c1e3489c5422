package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.Experiment;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Creates, changes, starts and stops experiments. What decides assignment (variations, weights, seed, hashing,
 * namespace) cannot change while an experiment runs: stop it and create a new one, so no shopper switches arm.
 */
@ApplicationScoped
public class ExperimentAdminService {

    private final ExperimentValidator validator = new ExperimentValidator();
    private final ObjectMapper mapper;
    private final ExperimentCatalog catalog;

    public ExperimentAdminService(ObjectMapper mapper, ExperimentCatalog catalog) {
        this.mapper = mapper;
        this.catalog = catalog;
    }

    public Uni<ExperimentDefinition> put(String key, ExperimentDefinition input) {
        List<Violation> violations = validator.validate(key, input);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return store(key, input).call(catalog::reload);
    }

    @WithTransaction
    Uni<ExperimentDefinition> store(String key, ExperimentDefinition d) {
        return Experiment.<Experiment>findById(key).flatMap(existing -> {
            Instant now = Instant.now();
            Experiment e = existing != null ? existing : new Experiment();
            String variations = json(d.variations().stream()
                    .map(v -> new ExperimentDefinition.Variation(
                            v.key(),
                            v.name() == null ? v.key() : v.name(),
                            v.weight() == null ? 1.0 / d.variations().size() : v.weight()))
                    .toList());
            String seed = d.seed() == null ? key : d.seed();
            int hashVersion = d.hashVersion() == null ? 2 : d.hashVersion();
            String hashAttribute = d.hashAttribute() == null ? "id" : d.hashAttribute();
            if (existing != null && "running".equals(existing.status)) {
                boolean assignmentChanges = !sameJson(existing.variations, variations)
                        || !existing.seed.equals(seed)
                        || existing.hashVersion != hashVersion
                        || !existing.hashAttribute.equals(hashAttribute)
                        || !Objects.equals(
                                existing.namespaceId,
                                d.namespace() == null ? null : d.namespace().id());
                if (assignmentChanges) {
                    throw ProblemException.conflict("Experiment " + key + " is running: its variations, weights,"
                            + " seed, hashing and namespace cannot change. Stop it and create a new experiment.");
                }
            }
            e.key = key;
            e.name = d.name();
            e.description = d.description();
            e.variations = variations;
            e.coverage = d.coverage() == null ? 1.0 : d.coverage();
            e.hashAttribute = hashAttribute;
            e.hashVersion = hashVersion;
            e.seed = seed;
            e.namespaceId = d.namespace() == null ? null : d.namespace().id();
            e.namespaceStart = d.namespace() == null ? null : d.namespace().start();
            e.namespaceEnd = d.namespace() == null ? null : d.namespace().end();
            e.targeting = json(d.targeting() == null ? new ExperimentDefinition.Targeting(List.of()) : d.targeting());
            e.updatedAt = now;
            if (existing == null) {
                e.status = "draft";
                e.version = 1;
                e.createdAt = now;
                return e.<Experiment>persist().map(catalog::definition);
            }
            e.version++;
            return Uni.createFrom().item(catalog.definition(e));
        });
    }

    public Uni<ExperimentDefinition> start(String key) {
        return transition(key, "running").call(catalog::reload);
    }

    public Uni<ExperimentDefinition> stop(String key) {
        return transition(key, "stopped").call(catalog::reload);
    }

    @WithTransaction
    Uni<ExperimentDefinition> transition(String key, String status) {
        return Experiment.<Experiment>findById(key).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("No experiment " + key);
            }
            if ("running".equals(status) && !"draft".equals(e.status)) {
                throw ProblemException.conflict("Only a draft can start; " + key + " is " + e.status);
            }
            if ("stopped".equals(status) && !"running".equals(e.status)) {
                throw ProblemException.conflict("Only a running experiment can stop; " + key + " is " + e.status);
            }
            e.status = status;
            if ("running".equals(status)) {
                e.startedAt = Instant.now();
            } else {
                e.stoppedAt = Instant.now();
            }
            return catalog.definition(e);
        });
    }

    @WithSession
    public Uni<List<ExperimentDefinition>> list() {
        return Experiment.<Experiment>listAll()
                .map(all -> all.stream().map(catalog::definition).toList());
    }

    @WithSession
    public Uni<ExperimentDefinition> get(String key) {
        return Experiment.<Experiment>findById(key).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("No experiment " + key);
            }
            return catalog.definition(e);
        });
    }

    private boolean sameJson(String a, String b) {
        try {
            return mapper.readTree(a).equals(mapper.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
