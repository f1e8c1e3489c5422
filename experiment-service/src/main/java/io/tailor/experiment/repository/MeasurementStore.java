package io.tailor.experiment.repository;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.domain.MetricDefinition;
import io.tailor.experiment.stats.MetricKind;
import io.tailor.experiment.stats.VariationData;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exposures and per-unit metric values in PostgreSQL, written and aggregated with set-based SQL (one statement per
 * batch, ADR 0006): the analysis never loads units into memory, only per-variation sums.
 */
@ApplicationScoped
public class MeasurementStore {

    private final Pool pool;

    public MeasurementStore(Pool pool) {
        this.pool = pool;
    }

    /** An exposure to record. */
    public record NewExposure(
            String experimentKey,
            String unitId,
            int variationIndex,
            String variationKey,
            String profileId,
            Instant at) {}

    /** A unit's first exposure to an experiment. */
    public record FirstExposure(String experimentKey, String unitId, String profileId) {}

    /** The pre-exposure covariates and segments of a newly exposed unit. */
    public record Covariates(
            String experimentKey, String unitId, double orders, double revenue, List<String> segments) {}

    /** A unit's first exposure, for attributing its events. */
    public record Exposed(String experimentKey, String unitId, Instant firstAt) {}

    /** A change to a unit's value of a metric. */
    public record MetricDelta(
            String experimentKey, String unitId, String metricKey, double value, double denominator, int events) {}

    /**
     * Records exposures (first one per unit and experiment wins; a unit seen in another variation is flagged as
     * multiple) and answers the ones that are new.
     */
    public Uni<List<FirstExposure>> recordExposures(List<NewExposure> exposures) {
        if (exposures.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = exposures.size();
        String[] keys = new String[n];
        String[] units = new String[n];
        Integer[] indexes = new Integer[n];
        String[] variations = new String[n];
        String[] profiles = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewExposure e = exposures.get(i);
            keys[i] = e.experimentKey();
            units[i] = e.unitId();
            indexes[i] = e.variationIndex();
            variations[i] = e.variationKey();
            profiles[i] = e.profileId();
            at[i] = utc(e.at());
        }
        return pool.preparedQuery("INSERT INTO exposure (experiment_key, unit_id, variation_index, variation_key,"
                        + " profile_id, first_at) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[],"
                        + " $5::text[], $6::timestamptz[]) ON CONFLICT (experiment_key, unit_id) DO UPDATE SET"
                        + " multiple = exposure.multiple OR exposure.variation_key <> EXCLUDED.variation_key,"
                        + " profile_id = coalesce(exposure.profile_id, EXCLUDED.profile_id),"
                        + " first_at = least(exposure.first_at, EXCLUDED.first_at)"
                        + " RETURNING experiment_key, unit_id, profile_id, (xmax = 0) AS inserted")
                .execute(Tuple.tuple(List.<Object>of(keys, units, indexes, variations, profiles, at)))
                .map(rows -> {
                    List<FirstExposure> fresh = new ArrayList<>();
                    for (Row r : rows) {
                        if (Boolean.TRUE.equals(r.getBoolean("inserted"))) {
                            fresh.add(new FirstExposure(
                                    r.getString("experiment_key"), r.getString("unit_id"), r.getString("profile_id")));
                        }
                    }
                    return fresh;
                });
    }

    public Uni<Void> setCovariates(List<Covariates> covariates) {
        if (covariates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = covariates.size();
        String[] keys = new String[n];
        String[] units = new String[n];
        Double[] orders = new Double[n];
        Double[] revenue = new Double[n];
        String[] segments = new String[n];
        for (int i = 0; i < n; i++) {
            Covariates c = covariates.get(i);
            keys[i] = c.experimentKey();
            units[i] = c.unitId();
            orders[i] = c.orders();
            revenue[i] = c.revenue();
            segments[i] = String.join(",", c.segments());
        }
        return pool.preparedQuery("UPDATE exposure e SET pre_orders = t.o, pre_revenue = t.r,"
                        + " segments = CASE WHEN t.s = '' THEN '{}'::text[] ELSE string_to_array(t.s, ',') END"
                        + " FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[])"
                        + " AS t(k, u, o, r, s) WHERE e.experiment_key = t.k AND e.unit_id = t.u")
                .execute(Tuple.of(keys, units, orders, revenue, segments))
                .replaceWithVoid();
    }

    /** The configured metrics. */
    public Uni<List<MetricDefinition>> metrics() {
        return pool.query("SELECT * FROM metric ORDER BY key").execute().map(rows -> {
            List<MetricDefinition> all = new ArrayList<>();
            for (Row r : rows) {
                all.add(new MetricDefinition(
                        r.getString("key"),
                        r.getString("name"),
                        MetricKind.fromWireName(r.getString("kind")),
                        r.getString("event_type"),
                        r.getString("value_source"),
                        r.getInteger("min_count"),
                        r.getInteger("window_days"),
                        r.getString("denominator_event_type"),
                        r.getString("denominator_source"),
                        r.getBoolean("lower_is_better"),
                        r.getString("covariate")));
            }
            return all;
        });
    }

    /**
     * Applies shopper events once: {@code attribute} receives the event ids that are new and the exposures of their
     * units, and returns the metric changes to store, all in one transaction.
     */
    public Uni<Integer> applyEvents(
            List<String> eventIds,
            Collection<String> unitIds,
            java.util.function.BiFunction<java.util.Set<String>, List<Exposed>, List<MetricDelta>> attribute) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime now = utc(Instant.now());
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO processed_event (event_id, at)"
                        + " SELECT id, $2 FROM unnest($1::text[]) AS t(id) ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(eventIds.toArray(String[]::new), now))
                .flatMap(fresh -> {
                    java.util.Set<String> newIds = new java.util.HashSet<>();
                    fresh.forEach(r -> newIds.add(r.getString(0)));
                    if (newIds.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return c.preparedQuery("SELECT experiment_key, unit_id, first_at FROM exposure"
                                    + " WHERE unit_id = ANY($1) AND NOT multiple")
                            .execute(Tuple.of(unitIds.toArray(String[]::new)))
                            .flatMap(rows -> {
                                List<Exposed> exposed = new ArrayList<>();
                                for (Row r : rows) {
                                    exposed.add(new Exposed(
                                            r.getString(0),
                                            r.getString(1),
                                            r.getOffsetDateTime(2).toInstant()));
                                }
                                List<MetricDelta> deltas = attribute.apply(newIds, exposed);
                                return upsert(c, deltas).replaceWith(deltas.size());
                            });
                }));
    }

    private static Uni<Void> upsert(SqlConnection c, List<MetricDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = deltas.size();
        String[] keys = new String[n];
        String[] units = new String[n];
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        Double[] denominators = new Double[n];
        Integer[] events = new Integer[n];
        for (int i = 0; i < n; i++) {
            MetricDelta d = deltas.get(i);
            keys[i] = d.experimentKey();
            units[i] = d.unitId();
            metrics[i] = d.metricKey();
            values[i] = d.value();
            denominators[i] = d.denominator();
            events[i] = d.events();
        }
        return c.preparedQuery("INSERT INTO unit_metric (experiment_key, unit_id, metric_key, value, denominator,"
                        + " events) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[],"
                        + " $5::float8[], $6::int[]) ON CONFLICT (experiment_key, unit_id, metric_key) DO UPDATE SET"
                        + " value = unit_metric.value + EXCLUDED.value,"
                        + " denominator = unit_metric.denominator + EXCLUDED.denominator,"
                        + " events = unit_metric.events + EXCLUDED.events")
                .execute(Tuple.tuple(List.<Object>of(keys, units, metrics, values, denominators, events)))
                .replaceWithVoid();
    }

    /** Units per variation index (every first exposure, for the sample-ratio check), optionally in a segment. */
    public Uni<Map<Integer, Long>> exposureCounts(String experimentKey, String segment) {
        return pool.preparedQuery("SELECT variation_index, count(*) FROM exposure WHERE experiment_key = $1"
                        + " AND ($2::text IS NULL OR $2 = ANY(segments)) GROUP BY variation_index")
                .execute(Tuple.of(experimentKey, segment))
                .map(rows -> {
                    Map<Integer, Long> counts = new HashMap<>();
                    rows.forEach(r -> counts.put(r.getInteger(0), r.getLong(1)));
                    return counts;
                });
    }

    /** Units exposed to more than one variation (left out of the analysis). */
    public Uni<Long> multipleExposures(String experimentKey) {
        return pool.preparedQuery("SELECT count(*) FROM exposure WHERE experiment_key = $1 AND multiple")
                .execute(Tuple.of(experimentKey))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The per-variation sums of one metric over the units exposed once, optionally in a segment. */
    public Uni<Map<Integer, VariationData>> aggregate(String experimentKey, MetricDefinition m, String segment) {
        String y = m.kind() == MetricKind.PROPORTION
                ? "CASE WHEN coalesce(um.events, 0) >= " + m.minCount() + " THEN 1.0 ELSE 0.0 END"
                : "coalesce(um.value, 0)";
        String x = m.covariate() == null ? "0.0" : "orders".equals(m.covariate()) ? "e.pre_orders" : "e.pre_revenue";
        return pool.preparedQuery("SELECT variation_index, count(*), sum(y), sum(y * y), sum(d), sum(d * d),"
                        + " sum(y * d), sum(x), sum(x * x), sum(x * y) FROM (SELECT e.variation_index, " + y
                        + " AS y, coalesce(um.denominator, 0) AS d, " + x + " AS x FROM exposure e"
                        + " LEFT JOIN unit_metric um ON um.experiment_key = e.experiment_key"
                        + " AND um.unit_id = e.unit_id AND um.metric_key = $2"
                        + " WHERE e.experiment_key = $1 AND NOT e.multiple"
                        + " AND ($3::text IS NULL OR $3 = ANY(e.segments))) t GROUP BY variation_index")
                .execute(Tuple.of(experimentKey, m.key(), segment))
                .map(rows -> {
                    Map<Integer, VariationData> byVariation = new HashMap<>();
                    for (Row r : rows) {
                        byVariation.put(
                                r.getInteger(0),
                                new VariationData(
                                        r.getLong(1),
                                        r.getDouble(2),
                                        r.getDouble(3),
                                        r.getDouble(4),
                                        r.getDouble(5),
                                        r.getDouble(6),
                                        r.getDouble(7),
                                        r.getDouble(8),
                                        r.getDouble(9)));
                    }
                    return byVariation;
                });
    }

    public Uni<Void> storeResult(String experimentKey, Instant at, String body) {
        return pool.preparedQuery("INSERT INTO experiment_result (experiment_key, computed_at, body) VALUES ($1, $2,"
                        + " $3) ON CONFLICT (experiment_key) DO UPDATE SET computed_at = EXCLUDED.computed_at,"
                        + " body = EXCLUDED.body")
                .execute(Tuple.of(experimentKey, utc(at), body))
                .replaceWithVoid();
    }

    /** A metric's value in one variation at one computation. */
    public record ResultPoint(
            Instant computedAt,
            String metric,
            String variation,
            long units,
            double value,
            Double relativeLift,
            Double ciLow,
            Double ciHigh,
            Double chanceToBeatControl) {}

    /**
     * Keeps the results' values as points over time, unless a point of this experiment is younger than
     * {@code minGap}; returns whether it kept them.
     */
    public Uni<Boolean> storePoints(String experimentKey, List<ResultPoint> points, java.time.Duration minGap) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Instant at = points.getFirst().computedAt();
        return pool.preparedQuery("SELECT max(computed_at) FROM experiment_result_point WHERE experiment_key = $1")
                .execute(Tuple.of(experimentKey))
                .flatMap(rows -> {
                    java.time.OffsetDateTime last = rows.iterator().next().getOffsetDateTime(0);
                    if (last != null && last.toInstant().plus(minGap).isAfter(at)) {
                        return Uni.createFrom().item(false);
                    }
                    List<Tuple> batch = points.stream()
                            .map(p -> Tuple.from(java.util.Arrays.asList(
                                    experimentKey,
                                    utc(p.computedAt()),
                                    p.metric(),
                                    p.variation(),
                                    p.units(),
                                    p.value(),
                                    p.relativeLift(),
                                    p.ciLow(),
                                    p.ciHigh(),
                                    p.chanceToBeatControl())))
                            .toList();
                    return pool.preparedQuery("INSERT INTO experiment_result_point (experiment_key, computed_at,"
                                    + " metric, variation, units, value, relative_lift, ci_low, ci_high,"
                                    + " chance_to_beat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                                    + " ON CONFLICT DO NOTHING")
                            .executeBatch(batch)
                            .replaceWith(true);
                });
    }

    /** The points of an experiment, oldest first, optionally of one metric; the newest {@code limit} of them. */
    public Uni<List<ResultPoint>> points(String experimentKey, String metric, int limit) {
        return pool.preparedQuery("SELECT * FROM (SELECT computed_at, metric, variation, units, value, relative_lift,"
                        + " ci_low, ci_high, chance_to_beat FROM experiment_result_point WHERE experiment_key = $1"
                        + " AND ($2::varchar IS NULL OR metric = $2) ORDER BY computed_at DESC LIMIT $3) newest"
                        + " ORDER BY computed_at, metric, variation")
                .execute(Tuple.of(experimentKey, metric, limit))
                .map(rows -> {
                    List<ResultPoint> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new ResultPoint(
                                r.getOffsetDateTime("computed_at").toInstant(),
                                r.getString("metric"),
                                r.getString("variation"),
                                r.getLong("units"),
                                r.getDouble("value"),
                                r.getDouble("relative_lift"),
                                r.getDouble("ci_low"),
                                r.getDouble("ci_high"),
                                r.getDouble("chance_to_beat")));
                    }
                    return out;
                });
    }

    /** The stored results body, or null. */
    public Uni<String> storedResult(String experimentKey) {
        return pool.preparedQuery("SELECT body FROM experiment_result WHERE experiment_key = $1")
                .execute(Tuple.of(experimentKey))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Deletes every exposure and metric value of these units, and of exposures recorded for the profile. */
    public Uni<Void> erase(Collection<String> unitIds, String profileId) {
        String[] units = unitIds.toArray(String[]::new);
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM unit_metric um USING exposure e"
                        + " WHERE um.experiment_key = e.experiment_key AND um.unit_id = e.unit_id"
                        + " AND e.profile_id = $1")
                .execute(Tuple.of(profileId))
                .call(() -> c.preparedQuery("DELETE FROM unit_metric WHERE unit_id = ANY($1)")
                        .execute(Tuple.of((Object) units)))
                .call(() -> c.preparedQuery("DELETE FROM exposure WHERE unit_id = ANY($1) OR profile_id = $2")
                        .execute(Tuple.of(units, profileId)))
                .replaceWithVoid());
    }

    /** Forgets processed event ids older than {@code before}. */
    public Uni<Void> pruneEvents(Instant before) {
        return pool.preparedQuery("DELETE FROM processed_event WHERE at < $1")
                .execute(Tuple.of(utc(before)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
