package io.tailor.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.experiment.config.ExperimentConfig;
import io.tailor.experiment.domain.ExperimentResults;
import io.tailor.experiment.domain.MetricDefinition;
import io.tailor.experiment.domain.ResultsCalculator;
import io.tailor.experiment.repository.MeasurementStore;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Results per experiment (and per segment on demand): the sums come from PostgreSQL, the statistics from
 * {@link ResultsCalculator}. Running experiments (and the global holdout) are recomputed every
 * {@code experiment.results-interval} and stored, so reading results is cheap.
 */
@ApplicationScoped
public class ResultsService {

    private static final Logger LOG = Logger.getLogger(ResultsService.class);
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    private final MeasurementStore store;
    private final ExperimentCatalog catalog;
    private final AssignmentService assignments;
    private final ResultsCalculator calculator;
    private final ObjectMapper mapper;
    private final java.time.Duration historyInterval;

    public ResultsService(
            MeasurementStore store,
            ExperimentCatalog catalog,
            AssignmentService assignments,
            ExperimentConfig config,
            ObjectMapper mapper) {
        this.historyInterval = config.resultsHistoryInterval();
        this.store = store;
        this.catalog = catalog;
        this.assignments = assignments;
        this.mapper = mapper;
        this.calculator = new ResultsCalculator(
                config.stats().alpha(),
                config.stats().sequentialTuning(),
                config.stats().srmThreshold());
    }

    /** The stored results when fresh enough and for everyone, else computed now. */
    public Uni<ExperimentResults> results(String key, String segment, boolean fresh) {
        if (segment != null && !SEGMENT.matcher(segment).matches()) {
            throw ProblemException.invalid("segment", "a segment key");
        }
        ExperimentDefinition d = definition(key);
        if (d == null) {
            return Uni.createFrom().failure(ProblemException.notFound("No experiment " + key));
        }
        if (segment != null || fresh) {
            return compute(d, segment);
        }
        return store.storedResult(key).flatMap(body -> {
            if (body == null) {
                return compute(d, null);
            }
            try {
                return Uni.createFrom().item(mapper.readValue(body, ExperimentResults.class));
            } catch (JsonProcessingException e) {
                return compute(d, null);
            }
        });
    }

    /** Recomputes and stores the results of every running experiment. */
    @Scheduled(every = "${experiment.results-interval:60s}", delayed = "10s")
    Uni<Void> recompute() {
        List<ExperimentDefinition> targets = new ArrayList<>(catalog.running());
        if (assignments.holdoutShare() > 0) {
            targets.add(holdout());
        }
        return Multi.createFrom()
                .iterable(targets)
                .onItem()
                .transformToUniAndConcatenate(d -> compute(d, null)
                        .call(r -> store.storeResult(d.key(), r.computedAt(), json(r)))
                        .call(r -> store.storePoints(d.key(), points(r), historyInterval))
                        .replaceWithVoid()
                        .onFailure()
                        .recoverWithItem(f -> {
                            LOG.warnf("Results of %s not computed: %s", d.key(), f.getMessage());
                            return null;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** The results' values as points over time: one per metric and variation that has units. */
    static List<MeasurementStore.ResultPoint> points(ExperimentResults r) {
        List<MeasurementStore.ResultPoint> points = new ArrayList<>();
        for (ExperimentResults.MetricResult m : r.metrics()) {
            for (ExperimentResults.VariationMetric v : m.variations()) {
                if (v.value() == null) {
                    continue;
                }
                ExperimentResults.Comparison c = v.comparison();
                boolean compared = c != null && "ok".equals(c.status());
                points.add(new MeasurementStore.ResultPoint(
                        r.computedAt(),
                        m.metric(),
                        v.key(),
                        v.units(),
                        v.value(),
                        compared ? c.relativeLift() : null,
                        compared && c.frequentist() != null ? c.frequentist().ciLow() : null,
                        compared && c.frequentist() != null ? c.frequentist().ciHigh() : null,
                        compared && c.bayesian() != null ? c.bayesian().chanceToBeatControl() : null));
            }
        }
        return points;
    }

    /** An experiment's results over time (the points the recomputation kept), oldest first. */
    public Uni<List<MeasurementStore.ResultPoint>> history(String key, String metric, int limit) {
        if (definition(key) == null) {
            return Uni.createFrom().failure(ProblemException.notFound("No experiment " + key));
        }
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.invalid("limit", "must be between 1 and 10000");
        }
        return store.points(key, metric, limit);
    }

    /** Computes results now. */
    public Uni<ExperimentResults> compute(ExperimentDefinition d, String segment) {
        return store.metrics().flatMap(all -> {
            Set<String> goals = new HashSet<>(d.metricsOrEmpty());
            Set<String> guardrails = new HashSet<>(d.guardrailsOrEmpty());
            List<MetricDefinition> chosen = goals.isEmpty() && guardrails.isEmpty()
                    ? all
                    : all.stream()
                            .filter(m -> goals.contains(m.key()) || guardrails.contains(m.key()))
                            .toList();
            Uni<List<ResultsCalculator.MetricInput>> inputs = Multi.createFrom()
                    .iterable(chosen)
                    .onItem()
                    .transformToUniAndConcatenate(m -> store.aggregate(d.key(), m, segment)
                            .map(data -> new ResultsCalculator.MetricInput(m, guardrails.contains(m.key()), data)))
                    .collect()
                    .asList();
            return Uni.combine()
                    .all()
                    .unis(store.exposureCounts(d.key(), segment), store.multipleExposures(d.key()), inputs)
                    .with((counts, multiple, metricInputs) -> calculator.compute(
                            d.key(),
                            segment,
                            d.variations().stream()
                                    .map(ExperimentDefinition.Variation::key)
                                    .toList(),
                            d.variations().stream()
                                    .map(ExperimentDefinition.Variation::weight)
                                    .toList(),
                            counts,
                            multiple,
                            metricInputs,
                            Instant.now()));
        });
    }

    private ExperimentDefinition definition(String key) {
        if (AssignmentService.HOLDOUT_KEY.equals(key)) {
            return assignments.holdoutShare() > 0 ? holdout() : null;
        }
        return catalog.find(key);
    }

    /** The global holdout as an experiment: holdout (control) against personalized. */
    ExperimentDefinition holdout() {
        double share = assignments.holdoutShare();
        return new ExperimentDefinition(
                AssignmentService.HOLDOUT_KEY,
                "Global holdout",
                "Shoppers who see no personalization, against everyone else",
                "running",
                List.of(
                        new ExperimentDefinition.Variation("holdout", "Holdout", share),
                        new ExperimentDefinition.Variation("personalized", "Personalized", 1 - share)),
                1.0,
                "id",
                2,
                "tailor-global-holdout",
                null,
                null,
                1,
                List.of(),
                List.of(),
                java.util.Map.of(),
                null);
    }

    /** Results as CSV: one row per metric and variation. */
    public static String csv(ExperimentResults r) {
        StringBuilder out = new StringBuilder(
                "experiment,segment,metric,kind,guardrail,variation,units,value,relative_lift,p_value,ci_low,ci_high,"
                        + "sequential_p_value,sequential_ci_low,sequential_ci_high,chance_to_beat_control,"
                        + "expected_loss,cuped_lift,cuped_p_value,status,srm_p_value\n");
        for (ExperimentResults.MetricResult m : r.metrics()) {
            for (ExperimentResults.VariationMetric v : m.variations()) {
                ExperimentResults.Comparison c = v.comparison();
                boolean ok = c != null && "ok".equals(c.status());
                List<Object> row = new ArrayList<>();
                row.add(r.experimentKey());
                row.add(r.segment());
                row.add(m.metric());
                row.add(m.kind());
                row.add(m.guardrail());
                row.add(v.key());
                row.add(v.units());
                row.add(v.value());
                row.add(ok ? c.relativeLift() : null);
                row.add(ok ? c.frequentist().pValue() : null);
                row.add(ok ? c.frequentist().ciLow() : null);
                row.add(ok ? c.frequentist().ciHigh() : null);
                row.add(ok ? c.sequential().pValue() : null);
                row.add(ok ? c.sequential().ciLow() : null);
                row.add(ok ? c.sequential().ciHigh() : null);
                row.add(ok ? c.bayesian().chanceToBeatControl() : null);
                row.add(ok ? c.bayesian().expectedLoss() : null);
                row.add(ok && c.cuped() != null ? c.cuped().relativeLift() : null);
                row.add(ok && c.cuped() != null ? c.cuped().pValue() : null);
                row.add(c == null ? "control" : c.status());
                row.add(r.srm().pValue());
                out.append(String.join(
                                ",", row.stream().map(ResultsService::cell).toList()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets processed shopper-event ids after a week. */
    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> prune() {
        return store.pruneEvents(Instant.now().minus(Duration.ofDays(7)))
                .onFailure()
                .recoverWithNull();
    }
}
