package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.gateway.api.DecideRequest;
import io.tailor.gateway.api.DecideResponse;
import io.tailor.gateway.config.GatewayConfig;
import io.tailor.gateway.service.DecideRequestValidator;
import io.tailor.gateway.service.DecisionService;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/decide")
@Tag(name = "Decide", description = "What to show this shopper on this page")
public class DecideResource {

    private final DecisionService decisions;
    private final DecideRequestValidator validator;

    public DecideResource(DecisionService decisions, GatewayConfig config) {
        this.decisions = decisions;
        this.validator = new DecideRequestValidator(config.decide());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decide a page",
            description = "Products per placement, content per slot, experiment variants and the shopper's segments,"
                    + " composed from all services in parallel. Always answers within the decision deadline (50 ms by"
                    + " default): a part whose service is slow or down is served by its fallback and listed in"
                    + " 'degraded'.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(
            responseCode = "400",
            description = "Invalid request, each problem named by its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DecideResponse> decide(DecideRequest request) {
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return decisions.decide(request);
    }
}
