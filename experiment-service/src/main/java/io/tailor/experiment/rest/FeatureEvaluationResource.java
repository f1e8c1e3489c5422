package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.experiment.service.FeatureEvaluationService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/features")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
        name = "Features",
        description = "Settings served by ordered rules: forced values, percentage rollouts, experiments")
public class FeatureEvaluationResource {

    private final FeatureEvaluationService features;

    public FeatureEvaluationResource(FeatureEvaluationService features) {
        this.features = features;
    }

    @POST
    @Path("/evaluate")
    @Operation(
            summary = "Evaluate features for a shopper",
            description = "Takes the shopper and request context as POST /v1/assignments does, and optionally the"
                    + " feature keys wanted (default: all). Answers each feature's value and why: source"
                    + " defaultValue, force, rollout, experiment (with the experiment and variation) or"
                    + " unknownFeature. The same shopper gets the same value every time.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeatureEvaluationService.Response> evaluate(FeatureEvaluationService.Request request) {
        return features.evaluate(request);
    }
}
