package io.tailor.segment.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import io.tailor.kit.problem.ProblemException;
import io.tailor.segment.service.LookupService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/memberships")
@Tag(name = "Memberships", description = "Which segments a shopper is in")
public class MembershipResource {

    private final LookupService lookup;

    public MembershipResource(LookupService lookup) {
        this.lookup = lookup;
    }

    @POST
    @Path("/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A shopper's segments now, on this page",
            description = "Stored memberships from Redis plus request segments evaluated against the page context.")
    public Uni<SegmentLookupResponse> lookup(SegmentLookupRequest request) {
        if (request == null || request.shopper() == null || request.shopper().isEmpty()) {
            throw ProblemException.invalid("shopper", "an anonymousId or a customerId is required");
        }
        return lookup.lookup(request);
    }
}
