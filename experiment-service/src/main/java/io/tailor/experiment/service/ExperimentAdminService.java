package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.Experiment;
import io.tailor.experiment.Metric;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates, changes, starts and stops experiments; every saved change is a new version (table
 * {@code experiment_version}). What decides assignment (variation keys, seed, hashing, namespace) cannot change
 * while an experiment runs: 409, stop it and create a new one. Weights may change while running only for a sticky
 * experiment, where every unit already assigned keeps its variation.
 */
@ApplicationScoped
public class ExperimentAdminService {

    private final ExperimentValidator validator;
    private final ObjectMapper mapper;
    private final ExperimentCatalog catalog;
    private final SegmentCheck segments;

    public ExperimentAdminService(
            ObjectMapper mapper, ExperimentCatalog catalog, TargetingRules rules, SegmentCheck segments) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.validator = new ExperimentValidator(rules);
        this.segments = segments;
    }

    /**
     * Validates (the definition, then its segment keys against segment-service, outside any transaction) and saves a
     * new version.
     */
    public Uni<ExperimentDefinition> put(String key, ExperimentDefinition input) {
        return Panache.withSession(() -> Metric.<Metric>listAll())
                .map(all -> {
                    List<Violation> violations = validator.validate(key, input, keys(all));
                    if (!violations.isEmpty()) {
                        throw ProblemException.invalid(violations);
                    }
                    return segmentFields(input);
                })
                .flatMap(segments::unknown)
                .invoke(unknown -> {
                    if (!unknown.isEmpty()) {
                        throw ProblemException.invalid(unknown);
                    }
                })
                .chain(() -> store(key, input))
                .call(catalog::reload);
    }

    /** Field name to segment key of every segment the experiment targets. */
    static Map<String, String> segmentFields(ExperimentDefinition d) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (d.targeting() != null && d.targeting().segments() != null) {
            for (int i = 0; i < d.targeting().segments().size(); i++) {
                fields.put(
                        "targeting.segments[" + i + "]",
                        d.targeting().segments().get(i));
            }
        }
        return fields;
    }

    @WithTransaction
    Uni<ExperimentDefinition> store(String key, ExperimentDefinition d) {
        return Metric.<Metric>listAll()
                .map(all -> all.stream().map(m -> m.key).collect(Collectors.toSet()))
                .flatMap(known -> {
                    List<Violation> violations = validator.validate(key, d, known);
                    if (!violations.isEmpty()) {
                        throw ProblemException.invalid(violations);
                    }
                    return Experiment.<Experiment>findById(key);
                })
                .flatMap(existing -> save(key, d, existing));
    }

    private Uni<ExperimentDefinition> save(String key, ExperimentDefinition d, Experiment existing) {
        Instant now = Instant.now();
        Experiment e = existing != null ? existing : new Experiment();
        List<ExperimentDefinition.Variation> variations = d.variations().stream()
                .map(v -> new ExperimentDefinition.Variation(
                        v.key(),
                        v.name() == null ? v.key() : v.name(),
                        v.weight() == null ? 1.0 / d.variations().size() : v.weight()))
                .toList();
        String seed = d.seed() == null ? key : d.seed();
        int hashVersion = d.hashVersion() == null ? 2 : d.hashVersion();
        String hashAttribute = d.hashAttribute() == null ? "id" : d.hashAttribute();
        if (existing != null && "running".equals(existing.status)) {
            ExperimentDefinition old = catalog.definition(existing);
            List<String> oldKeys = old.variations().stream()
                    .map(ExperimentDefinition.Variation::key)
                    .toList();
            List<String> newKeys =
                    variations.stream().map(ExperimentDefinition.Variation::key).toList();
            boolean hashing = !oldKeys.equals(newKeys)
                    || !existing.seed.equals(seed)
                    || existing.hashVersion != hashVersion
                    || !existing.hashAttribute.equals(hashAttribute)
                    || !Objects.equals(old.namespace(), d.namespace());
            if (hashing) {
                throw ProblemException.conflict("Experiment " + key + " is running: its variations, seed, hashing"
                        + " and namespace cannot change. Stop it and create a new experiment.");
            }
            boolean weights = !old.variations().stream()
                    .map(ExperimentDefinition.Variation::weight)
                    .toList()
                    .equals(variations.stream()
                            .map(ExperimentDefinition.Variation::weight)
                            .toList());
            if (weights && (existing.stickyDays == null || d.stickyDays() == null)) {
                throw ProblemException.conflict("Experiment " + key + " is running without sticky assignment:"
                        + " changing weights would move shoppers between variations. Set stickyDays before"
                        + " starting, or stop it and create a new experiment.");
            }
        }
        e.key = key;
        e.name = d.name();
        e.description = d.description();
        e.variations = json(variations);
        e.coverage = d.coverage() == null ? 1.0 : d.coverage();
        e.hashAttribute = hashAttribute;
        e.hashVersion = hashVersion;
        e.seed = seed;
        e.namespaceId = d.namespace() == null ? null : d.namespace().id();
        e.namespaceStart = d.namespace() == null ? null : d.namespace().start();
        e.namespaceEnd = d.namespace() == null ? null : d.namespace().end();
        e.targeting = json(d.targeting() == null ? new ExperimentDefinition.Targeting(List.of(), null) : d.targeting());
        e.metrics = json(d.metricsOrEmpty());
        e.guardrails = json(d.guardrailsOrEmpty());
        e.forced = json(d.forcedOrEmpty());
        e.stickyDays = d.stickyDays();
        e.updatedAt = now;
        Uni<Experiment> saved;
        if (existing == null) {
            e.status = "draft";
            e.version = 1;
            e.createdAt = now;
            saved = e.persist();
        } else {
            e.version++;
            saved = Uni.createFrom().item(e);
        }
        return saved.flatMap(x -> Panache.getSession())
                .flatMap(session -> session.flush().chain(() -> session.createNativeQuery(
                                "INSERT INTO experiment_version (experiment_key, version, definition, saved_at)"
                                        + " VALUES (?1, ?2, ?3, ?4)")
                        .setParameter(1, key)
                        .setParameter(2, e.version)
                        .setParameter(3, json(catalog.definition(e)))
                        .setParameter(4, now)
                        .executeUpdate()))
                .map(x -> catalog.definition(e));
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
        return Experiment.<Experiment>list("order by key")
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

    /** Every saved version of an experiment, oldest first. */
    @WithSession
    public Uni<List<Map<String, Object>>> versions(String key) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT version, definition, saved_at FROM experiment_version WHERE experiment_key = ?1"
                                        + " ORDER BY version",
                                Object[].class)
                        .setParameter(1, key)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("No experiment " + key);
                    }
                    return rows.stream()
                            .map(r -> Map.<String, Object>of(
                                    "version", r[0], "definition", readTree((String) r[1]), "savedAt", r[2].toString()))
                            .toList();
                });
    }

    private Object readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> keys(List<Metric> metrics) {
        return metrics.stream().map(m -> m.key).collect(Collectors.toSet());
    }
}
