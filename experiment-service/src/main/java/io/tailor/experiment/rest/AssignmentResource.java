package io.tailor.experiment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import io.tailor.experiment.service.AssignmentService;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment", description = "Which variation a shopper sees")
public class AssignmentResource {

    private final AssignmentService assignments;

    public AssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @POST
    @Path("/assignments")
    @Operation(
            summary = "Assign a shopper to every running experiment",
            description =
                    "Also says whether the shopper is in the global holdout (no personalization, no experiments).")
    public Uni<AssignmentResponse> assign(AssignmentRequest request) {
        if (request == null || request.shopper() == null) {
            throw ProblemException.invalid("shopper", "is required");
        }
        return assignments.assign(request);
    }
}
