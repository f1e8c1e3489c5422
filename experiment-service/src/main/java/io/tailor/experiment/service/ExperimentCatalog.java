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
import io.tailor.experiment.assignment.CompiledExperiment;
import io.tailor.experiment.assignment.GrowthBookHashing;
import io.tailor.rules.RuleEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every experiment in memory, and the running ones compiled for assignment in microseconds. Reloaded at start,
 * after every change made here, and every few seconds (changes made by other replicas).
 */
@ApplicationScoped
public class ExperimentCatalog {

    private static final Logger LOG = Logger.getLogger(ExperimentCatalog.class);

    private final ObjectMapper mapper;
    private final TargetingRules rules;
    private volatile List<ExperimentDefinition> running = List.of();
    private volatile List<CompiledExperiment> compiled = List.of();
    private volatile Map<String, ExperimentDefinition> all = Map.of();

    public ExperimentCatalog(ObjectMapper mapper, TargetingRules rules) {
        this.mapper = mapper;
        this.rules = rules;
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
        return Panache.withSession(() -> Experiment.<Experiment>list("order by key"))
                .invoke(list -> {
                    Map<String, ExperimentDefinition> byKey = new HashMap<>();
                    list.forEach(e -> byKey.put(e.key, definition(e)));
                    List<ExperimentDefinition> now = list.stream()
                            .filter(e -> "running".equals(e.status))
                            .map(e -> byKey.get(e.key))
                            .toList();
                    all = Map.copyOf(byKey);
                    running = now;
                    compiled = now.stream().map(this::compile).toList();
                })
                .replaceWithVoid();
    }

    public List<ExperimentDefinition> running() {
        return running;
    }

    /** The running experiments, ready for assignment. */
    public List<CompiledExperiment> compiled() {
        return compiled;
    }

    /** Any experiment by key (null when unknown), as last loaded. */
    public ExperimentDefinition find(String key) {
        return all.get(key);
    }

    /** Every experiment, as last loaded. */
    public java.util.Collection<ExperimentDefinition> all() {
        return all.values();
    }

    /** Prepares a definition for the decide path. */
    public CompiledExperiment compile(ExperimentDefinition d) {
        List<String> keys =
                d.variations().stream().map(ExperimentDefinition.Variation::key).toList();
        List<Double> weights = d.variations().stream()
                .map(ExperimentDefinition.Variation::weight)
                .toList();
        Map<String, Integer> forced = new HashMap<>();
        d.forcedOrEmpty().forEach((unit, variation) -> {
            int index = keys.indexOf(variation);
            if (index >= 0) {
                forced.put(unit, index);
            }
        });
        RuleEngine.Compiled rule = null;
        if (d.targeting() != null
                && d.targeting().rule() != null
                && !d.targeting().rule().isBlank()) {
            RuleEngine.Compilation c = rules.compile(d.targeting().rule(), "targeting.rule");
            if (!c.ok()) {
                LOG.warnf("Experiment %s: targeting rule no longer compiles, nobody enters: %s", d.key(), c.problems());
                rule = rules.compile("false", "targeting.rule").rule();
            } else {
                rule = c.rule();
            }
        }
        ExperimentDefinition.Namespace ns = d.namespace();
        return new CompiledExperiment(
                d.key(),
                keys,
                GrowthBookHashing.bucketRanges(keys.size(), d.coverage(), weights),
                d.seed(),
                d.hashVersion(),
                d.hashAttribute(),
                ns == null ? null : ns.id(),
                ns == null ? 0 : ns.start(),
                ns == null ? 0 : ns.end(),
                d.targeting() == null || d.targeting().segments() == null
                        ? java.util.Set.of()
                        : new LinkedHashSet<>(d.targeting().segments()),
                rule,
                Map.copyOf(forced),
                d.stickyDays());
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
            List<String> metrics = e.metrics == null ? List.of() : mapper.readValue(e.metrics, STRINGS);
            List<String> guardrails = e.guardrails == null ? List.of() : mapper.readValue(e.guardrails, STRINGS);
            Map<String, String> forced = e.forced == null ? Map.of() : mapper.readValue(e.forced, FORCED);
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
                    e.version,
                    metrics,
                    guardrails,
                    forced,
                    e.stickyDays);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("unreadable experiment " + e.key, ex);
        }
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> FORCED = new TypeReference<>() {};
}
