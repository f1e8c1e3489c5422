package io.tailor.recommendation.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import io.tailor.recommendation.service.RecommendationService;
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

@Path("/v1/recommendations")
@Tag(name = "Recommendations", description = "Products for a shopper's placements")
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fill placements", description = "Each product carries the strategy and reason that chose it.")
    @APIResponse(responseCode = "200", description = "The products of each placement")
    @APIResponse(
            responseCode = "400",
            description = "Unknown placement or invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RecommendationResponse> recommend(RecommendationRequest request) {
        if (request == null || request.shopper() == null) {
            throw ProblemException.invalid("shopper", "is required");
        }
        return recommendations.recommend(request);
    }
}
