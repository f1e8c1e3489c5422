package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.experiment.Feature;
import io.tailor.experiment.feature.CompiledFeature;
import io.tailor.experiment.feature.FeatureDefinition;
import io.tailor.rules.RuleEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every feature compiled in memory for evaluation. Reloaded at start, after every change made here, and every few
 * seconds (changes made by other replicas).
 */
@ApplicationScoped
public class FeatureCatalog {

    private static final Logger LOG = Logger.getLogger(FeatureCatalog.class);

    private final ObjectMapper mapper;
    private final TargetingRules rules;
    private volatile Map<String, CompiledFeature> compiled = Map.of();

    public FeatureCatalog(ObjectMapper mapper, TargetingRules rules) {
        this.mapper = mapper;
        this.rules = rules;
    }

    void start(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "${experiment.catalog-refresh:5s}", delayed = "5s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(f -> LOG.warnf("Features not refreshed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> Feature.<Feature>list("order by key"))
                .invoke(list -> {
                    Map<String, CompiledFeature> byKey = new LinkedHashMap<>();
                    list.forEach(f -> byKey.put(f.key, compile(definition(f))));
                    compiled = java.util.Collections.unmodifiableMap(byKey);
                })
                .replaceWithVoid();
    }

    /** Every feature by key, in key order, ready for evaluation. */
    public Map<String, CompiledFeature> compiled() {
        return compiled;
    }

    /** Prepares a (valid) definition for evaluation, with the defaults of omitted rule fields filled in. */
    public CompiledFeature compile(FeatureDefinition d) {
        List<CompiledFeature.CompiledRule> compiledRules = d.rulesOrEmpty().stream()
                .map(r -> new CompiledFeature.CompiledRule(
                        r.type(),
                        new LinkedHashSet<>(r.segmentsOrEmpty()),
                        condition(d.key(), r.condition()),
                        r.value(),
                        r.coverage() == null ? 0 : r.coverage(),
                        r.seed() == null ? d.key() : r.seed(),
                        r.hashAttribute() == null ? "id" : r.hashAttribute(),
                        r.hashVersion() == null ? 2 : r.hashVersion(),
                        r.experiment(),
                        r.values() == null ? Map.of() : Map.copyOf(r.values())))
                .toList();
        return new CompiledFeature(d.key(), d.defaultValue(), compiledRules);
    }

    private RuleEngine.Compiled condition(String feature, String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        RuleEngine.Compilation c = rules.compile(source, "condition");
        if (!c.ok()) {
            LOG.warnf(
                    "Feature %s: a rule condition no longer compiles, the rule never applies: %s",
                    feature, c.problems());
            return rules.compile("false", "condition").rule();
        }
        return c.rule();
    }

    /** The API view of a stored feature. */
    public FeatureDefinition definition(Feature f) {
        try {
            JsonNode defaultValue = mapper.readTree(f.defaultValue);
            List<FeatureDefinition.Rule> list = mapper.readValue(f.rules, RULES);
            return new FeatureDefinition(
                    f.key,
                    f.description,
                    f.valueType,
                    defaultValue,
                    list,
                    f.version,
                    f.updatedAt == null ? null : f.updatedAt.toString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable feature " + f.key, e);
        }
    }

    private static final TypeReference<List<FeatureDefinition.Rule>> RULES = new TypeReference<>() {};
}
