package io.tailor.experiment.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.Metric;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Metrics are configuration: defined and changed through this API, never in code. */
@Path("/v1/experiments/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics", description = "What experiments measure")
public class MetricResource {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    private static final Set<String> SOURCES = Set.of("count", "revenue", "units");

    /** A metric as the API takes and shows it (see the {@code metric} table). */
    public record MetricView(
            String key,
            String name,
            String kind,
            String eventType,
            String valueSource,
            Integer minCount,
            Integer windowDays,
            String denominatorEventType,
            String denominatorSource,
            Boolean lowerIsBetter,
            String covariate) {}

    @GET
    @WithSession
    @Operation(summary = "List metrics")
    public Uni<List<MetricView>> list() {
        return Metric.<Metric>list("order by key")
                .map(all -> all.stream().map(MetricResource::view).toList());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(
            summary = "Create or change a metric",
            description = "kind proportion (share of units with minCount events), mean (value per unit) or ratio"
                    + " (sum of value over sum of denominator); windowDays limits events to days after exposure.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid metric",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MetricView> put(@PathParam("key") String key, MetricView m) {
        List<Violation> v = validate(key, m);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return Metric.<Metric>findById(key).flatMap(existing -> {
            Metric e = existing == null ? new Metric() : existing;
            e.key = key;
            e.name = m.name();
            e.kind = m.kind();
            e.eventType = m.eventType();
            e.valueSource = m.valueSource() == null ? "count" : m.valueSource();
            e.minCount = m.minCount() == null ? 1 : m.minCount();
            e.windowDays = m.windowDays();
            e.denominatorEventType = m.denominatorEventType();
            e.denominatorSource = m.denominatorEventType() == null
                    ? null
                    : m.denominatorSource() == null ? "count" : m.denominatorSource();
            e.lowerIsBetter = Boolean.TRUE.equals(m.lowerIsBetter());
            e.covariate = m.covariate();
            e.updatedAt = Instant.now();
            return (existing == null ? e.<Metric>persist() : Uni.createFrom().item(e)).map(MetricResource::view);
        });
    }

    static List<Violation> validate(String key, MetricView m) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            v.add(new Violation("key", "a metric key: lower-case letters, digits, _ or -"));
        }
        if (m == null) {
            v.add(new Violation("", "a metric definition is required"));
            return v;
        }
        if (m.name() == null || m.name().isBlank() || m.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        if (m.kind() == null || !Set.of("proportion", "mean", "ratio").contains(m.kind())) {
            v.add(new Violation("kind", "proportion, mean or ratio"));
        }
        if (m.eventType() == null || !EventType.wireNames().contains(m.eventType())) {
            v.add(new Violation("eventType", "one of " + EventType.wireNames()));
        }
        if (m.valueSource() != null && !SOURCES.contains(m.valueSource())) {
            v.add(new Violation("valueSource", "count, revenue or units"));
        }
        if (m.minCount() != null && (m.minCount() < 1 || m.minCount() > 1000)) {
            v.add(new Violation("minCount", "between 1 and 1000"));
        }
        if (m.windowDays() != null && (m.windowDays() < 1 || m.windowDays() > 365)) {
            v.add(new Violation("windowDays", "between 1 and 365"));
        }
        if ("ratio".equals(m.kind())) {
            if (m.denominatorEventType() == null || !EventType.wireNames().contains(m.denominatorEventType())) {
                v.add(new Violation("denominatorEventType", "a ratio needs the event type of its denominator"));
            }
        } else if (m.denominatorEventType() != null) {
            v.add(new Violation("denominatorEventType", "only ratio metrics have a denominator"));
        }
        if (m.denominatorSource() != null && !SOURCES.contains(m.denominatorSource())) {
            v.add(new Violation("denominatorSource", "count, revenue or units"));
        }
        if (m.covariate() != null && !Set.of("orders", "revenue").contains(m.covariate())) {
            v.add(new Violation("covariate", "orders or revenue"));
        }
        return v;
    }

    static MetricView view(Metric m) {
        return new MetricView(
                m.key,
                m.name,
                m.kind,
                m.eventType,
                m.valueSource,
                m.minCount,
                m.windowDays,
                m.denominatorEventType,
                m.denominatorSource,
                m.lowerIsBetter,
                m.covariate);
    }
}
