package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.domain.ExperimentResults;
import io.tailor.experiment.service.ExperimentAdminService;
import io.tailor.experiment.service.ExperimentDefinition;
import io.tailor.experiment.service.GrowthBookEvaluation;
import io.tailor.experiment.service.GrowthBookEvaluator;
import io.tailor.experiment.service.ResultsService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments", description = "Create, start and stop experiments")
public class ExperimentResource {

    private final ExperimentAdminService experiments;
    private final GrowthBookEvaluator evaluator;
    private final ResultsService results;

    public ExperimentResource(
            ExperimentAdminService experiments, GrowthBookEvaluator evaluator, ResultsService results) {
        this.experiments = experiments;
        this.evaluator = evaluator;
        this.results = results;
    }

    @GET
    @Path("/{key}/results")
    @Operation(
            summary = "Results of an experiment",
            description = "Per metric and variation against the control: relative lift with a fixed-horizon"
                    + " t-test, always-valid (sequential) interval, Bayesian chance to beat control, expected loss"
                    + " and credible interval, CUPED where the metric has a covariate; the sample-ratio check and"
                    + " guardrails. Recomputed every minute; segment or fresh=true computes now. Comparisons"
                    + " without enough data say so (status not_enough_data) instead of giving numbers.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid segment key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExperimentResults> results(
            @PathParam("key") String key,
            @QueryParam("segment") String segment,
            @QueryParam("fresh") @DefaultValue("false") boolean fresh) {
        return results.results(key, segment, fresh);
    }

    @GET
    @Path("/{key}/results/history")
    @Operation(
            summary = "Results of an experiment over time",
            description = "The value of each metric per variation (with its lift, 95% interval and chance to beat"
                    + " control) as kept by the recomputation job at most every"
                    + " experiment.results-history-interval (15 minutes) while it runs; oldest first.")
    @APIResponse(
            responseCode = "400",
            description = "limit out of 1..10000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<io.tailor.experiment.repository.MeasurementStore.ResultPoint>> history(
            @PathParam("key") String key,
            @QueryParam("metric") String metric,
            @QueryParam("limit") @DefaultValue("2000") int limit) {
        return results.history(key, metric, limit);
    }

    @GET
    @Path("/{key}/results.csv")
    @Produces("text/csv")
    @Operation(summary = "Results of an experiment as CSV", description = "One row per metric and variation.")
    @APIResponse(
            responseCode = "404",
            description = "No such experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> resultsCsv(
            @PathParam("key") String key,
            @QueryParam("segment") String segment,
            @QueryParam("fresh") @DefaultValue("false") boolean fresh) {
        return results.results(key, segment, fresh).map(ResultsService::csv);
    }

    @GET
    @Path("/{key}/versions")
    @Operation(summary = "Every saved version of an experiment")
    @APIResponse(
            responseCode = "404",
            description = "No such experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<Map<String, Object>>> versions(@PathParam("key") String key) {
        return experiments.versions(key);
    }

    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Evaluate a GrowthBook-shaped experiment for a unit",
            description = "Stateless: compare the result with any GrowthBook SDK's for the same definition and"
                    + " attributes.")
    @APIResponse(
            responseCode = "400",
            description = "Malformed experiment (namespace, ranges, key)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrowthBookEvaluation.Result evaluate(GrowthBookEvaluation.Request request) {
        return evaluator.evaluate(request);
    }

    @GET
    @Operation(summary = "List experiments")
    public Uni<List<ExperimentDefinition>> list() {
        return experiments.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get an experiment")
    @APIResponse(
            responseCode = "404",
            description = "No such experiment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExperimentDefinition> get(@PathParam("key") String key) {
        return experiments.get(key);
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or change an experiment",
            description = "New experiments are drafts. Every save is a new version. While running, variations,"
                    + " seed, hashing and namespace cannot change (409); weights only when stickyDays is set.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The change would move running shoppers between arms",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExperimentDefinition> put(@PathParam("key") String key, ExperimentDefinition definition) {
        return experiments.put(key, definition);
    }

    @POST
    @Path("/{key}/start")
    @Operation(summary = "Start a draft experiment")
    @APIResponse(
            responseCode = "409",
            description = "Not a draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExperimentDefinition> start(@PathParam("key") String key) {
        return experiments.start(key);
    }

    @POST
    @Path("/{key}/stop")
    @Operation(summary = "Stop a running experiment")
    @APIResponse(
            responseCode = "409",
            description = "Not running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ExperimentDefinition> stop(@PathParam("key") String key) {
        return experiments.stop(key);
    }
}
