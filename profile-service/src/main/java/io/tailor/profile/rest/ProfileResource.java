package io.tailor.profile.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import io.tailor.profile.service.ProfileQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles", description = "What Tailor knows about each shopper")
public class ProfileResource {

    private final ProfileQueries queries;

    public ProfileResource(ProfileQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{profileId}")
    @Operation(summary = "Get a profile", description = "An id merged into another profile returns the survivor.")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(
            responseCode = "404",
            description = "No such profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileSnapshot> get(@PathParam("profileId") String profileId) {
        return queries.byId(profileId).map(found -> orNotFound(found, "profile " + profileId));
    }

    @GET
    @Operation(summary = "Find a profile by identity", description = "Give an anonymousId, a customerId or both.")
    @APIResponse(responseCode = "200", description = "The profile the identities resolve to")
    @APIResponse(
            responseCode = "400",
            description = "No identity given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No profile for these identities",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileSnapshot> find(
            @Parameter(description = "The browser's anonymous id") @QueryParam("anonymousId") String anonymousId,
            @Parameter(description = "The store's customer id") @QueryParam("customerId") String customerId) {
        ShopperRef shopper = shopper(anonymousId, customerId);
        return queries.byShopper(shopper).map(found -> orNotFound(found, "a profile for these identities"));
    }

    @GET
    @Path("/summary")
    @Operation(
            summary = "Summary for a decision",
            description = "Consent, lifecycle and traits from the hot state; an unknown shopper is a new visitor.")
    @APIResponse(responseCode = "200", description = "The summary")
    public Uni<ProfileSummary> summary(
            @QueryParam("anonymousId") String anonymousId, @QueryParam("customerId") String customerId) {
        return queries.summary(shopper(anonymousId, customerId));
    }

    private static ShopperRef shopper(String anonymousId, String customerId) {
        ShopperRef shopper = new ShopperRef(anonymousId, customerId);
        if (shopper.isEmpty()) {
            throw ProblemException.invalid("anonymousId", "an anonymousId or a customerId is required");
        }
        return shopper;
    }

    private static <T> T orNotFound(Optional<T> found, String what) {
        return found.orElseThrow(() -> ProblemException.notFound("No " + what));
    }
}
