package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.service.ExperimentAdminService;
import io.tailor.experiment.service.ExperimentDefinition;
import io.tailor.experiment.service.GrowthBookEvaluation;
import io.tailor.experiment.service.GrowthBookEvaluator;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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

    public ExperimentResource(ExperimentAdminService experiments, GrowthBookEvaluator evaluator) {
        this.experiments = experiments;
        this.evaluator = evaluator;
    }

    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Evaluate a GrowthBook-shaped experiment for a unit",
            description = "Stateless: compare the result with any GrowthBook SDK's for the same definition and"
                    + " attributes.")
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
            description = "New experiments are drafts. While running, only name, description, coverage and"
                    + " targeting may change.")
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
    public Uni<ExperimentDefinition> start(@PathParam("key") String key) {
        return experiments.start(key);
    }

    @POST
    @Path("/{key}/stop")
    @Operation(summary = "Stop a running experiment")
    public Uni<ExperimentDefinition> stop(@PathParam("key") String key) {
        return experiments.stop(key);
    }
}
