package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.Experiment;
import io.tailor.experiment.Feature;
import io.tailor.experiment.feature.FeatureDefinition;
import io.tailor.experiment.feature.FeatureValidator;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, changes and deletes features; every save is a new version (table {@code feature_version}). A definition
 * is checked as a whole before anything is stored: its own fields, the experiments its experiment rules follow, then
 * the segments its rules target (segment-service, outside any transaction).
 */
@ApplicationScoped
public class FeatureAdminService {

    private final ObjectMapper mapper;
    private final FeatureCatalog catalog;
    private final ExperimentCatalog experiments;
    private final SegmentCheck segments;
    private final FeatureValidator validator;

    public FeatureAdminService(
            ObjectMapper mapper,
            FeatureCatalog catalog,
            ExperimentCatalog experiments,
            SegmentCheck segments,
            TargetingRules rules) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.experiments = experiments;
        this.segments = segments;
        this.validator = new FeatureValidator(rules::check);
    }

    public Uni<FeatureDefinition> put(String key, FeatureDefinition input) {
        return Panache.withSession(() -> Experiment.<Experiment>listAll())
                .map(all -> {
                    Map<String, List<String>> variations = new HashMap<>();
                    all.forEach(e -> variations.put(
                            e.key,
                            experiments.definition(e).variations().stream()
                                    .map(ExperimentDefinition.Variation::key)
                                    .toList()));
                    List<Violation> violations = validator.validate(key, input, variations);
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

    /** Field name to segment key of every segment the feature's rules target. */
    static Map<String, String> segmentFields(FeatureDefinition d) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<FeatureDefinition.Rule> rules = d.rulesOrEmpty();
        for (int i = 0; i < rules.size(); i++) {
            List<String> s = rules.get(i).segmentsOrEmpty();
            for (int j = 0; j < s.size(); j++) {
                fields.put("rules[" + i + "].segments[" + j + "]", s.get(j));
            }
        }
        return fields;
    }

    @WithTransaction
    Uni<FeatureDefinition> store(String key, FeatureDefinition d) {
        return Feature.<Feature>findById(key).flatMap(existing -> {
            Instant now = Instant.now();
            Feature f = existing != null ? existing : new Feature();
            f.key = key;
            f.description = d.description();
            f.valueType = d.valueType();
            f.defaultValue = json(d.defaultValue());
            f.rules = json(d.rulesOrEmpty());
            f.updatedAt = now;
            Uni<Feature> saved;
            if (existing == null) {
                f.version = 1;
                f.createdAt = now;
                saved = f.persist();
            } else {
                f.version++;
                saved = Uni.createFrom().item(f);
            }
            return saved.flatMap(x -> Panache.getSession())
                    .flatMap(session -> session.flush().chain(() -> session.createNativeQuery(
                                    "INSERT INTO feature_version (feature_key, version, definition, saved_at)"
                                            + " VALUES (?1, ?2, ?3, ?4)")
                            .setParameter(1, key)
                            .setParameter(2, f.version)
                            .setParameter(3, json(catalog.definition(f)))
                            .setParameter(4, now)
                            .executeUpdate()))
                    .map(x -> catalog.definition(f));
        });
    }

    @WithSession
    public Uni<List<FeatureDefinition>> list() {
        return Feature.<Feature>list("order by key")
                .map(all -> all.stream().map(catalog::definition).toList());
    }

    @WithSession
    public Uni<FeatureDefinition> get(String key) {
        return Feature.<Feature>findById(key).map(f -> {
            if (f == null) {
                throw ProblemException.notFound("No feature " + key);
            }
            return catalog.definition(f);
        });
    }

    /** Deletes a feature and its saved versions; shoppers get nothing for it (unknownFeature) from then on. */
    public Uni<Void> delete(String key) {
        return remove(key).call(catalog::reload);
    }

    @WithTransaction
    Uni<Void> remove(String key) {
        return Feature.deleteById(key)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("No feature " + key);
                    }
                })
                .replaceWithVoid();
    }

    /** Every saved version of a feature, oldest first. */
    @WithSession
    public Uni<List<Map<String, Object>>> versions(String key) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT version, definition, saved_at FROM feature_version WHERE feature_key = ?1"
                                        + " ORDER BY version",
                                Object[].class)
                        .setParameter(1, key)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("No feature " + key);
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
}
