package io.tailor.profile.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ProfileSummary;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import io.tailor.profile.ProfileMerge;
import io.tailor.profile.repository.ProfileRepository;
import io.tailor.profile.service.PrivacyService;
import io.tailor.profile.service.ProfileCommands;
import io.tailor.profile.service.ProfileExport;
import io.tailor.profile.service.ProfileQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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

    private static final String PROBLEM = Problem.MEDIA_TYPE;

    private final ProfileQueries queries;
    private final ProfileCommands commands;
    private final ProfileExport export;
    private final PrivacyService privacy;
    private final ProfileRepository repository;

    public ProfileResource(
            ProfileQueries queries,
            ProfileCommands commands,
            ProfileExport export,
            PrivacyService privacy,
            ProfileRepository repository) {
        this.queries = queries;
        this.commands = commands;
        this.export = export;
        this.privacy = privacy;
        this.repository = repository;
    }

    /** The answer to a change made through events: it is applied in order with the shopper's other events. */
    public record Accepted(String eventId) {}

    @GET
    @Path("/{profileId}/merges")
    @Operation(summary = "Merge history", description = "The profiles folded into this one by identity stitching.")
    @WithSession
    public Uni<List<ProfileMerge>> merges(@PathParam("profileId") String profileId) {
        return repository.mergesInto(profileId);
    }

    @PUT
    @Path("/{profileId}/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change consent",
            description = "Sets the given purposes (personalization, analytics, marketingEmail) with the source of the"
                    + " choice. Applied as a consent_updated event, in order with the shopper's other events; the"
                    + " history is kept. Without personalization consent the profile drops behavioural detail"
                    + " (docs/privacy.md).")
    @APIResponse(responseCode = "202", description = "Accepted; applied within moments")
    @APIResponse(
            responseCode = "400",
            description = "No purpose given or a bad source",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such profile",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> consent(@PathParam("profileId") String profileId, ProfileCommands.ConsentChange change) {
        return commands.changeConsent(profileId, change)
                .map(id -> Response.accepted(new Accepted(id)).build());
    }

    @PATCH
    @Path("/{profileId}/traits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set traits",
            description = "e.g. {\"traits\": {\"accountType\": \"wholesale\"}}; applied as an" + " identify event.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(
            responseCode = "400",
            description = "Invalid traits",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> traits(@PathParam("profileId") String profileId, TraitsChange change) {
        return commands.changeTraits(profileId, change == null ? null : change.traits())
                .map(id -> Response.accepted(new Accepted(id)).build());
    }

    /** Traits to set. */
    public record TraitsChange(java.util.Map<String, String> traits) {}

    @GET
    @Path("/{profileId}/export")
    @Operation(
            summary = "Export everything held about a shopper",
            description = "Profile, identities, merges, consent history and segment memberships, as one document.")
    @APIResponse(
            responseCode = "404",
            description = "No such profile",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileExport.Export> export(@PathParam("profileId") String profileId) {
        return export.export(profileId);
    }

    @DELETE
    @Path("/{profileId}")
    @Operation(
            summary = "Erase a shopper",
            description = "Deletes the profile here at once and asks every service to erase what it holds; the"
                    + " answer is the request's status, which stays queryable until every service confirmed.")
    @APIResponse(responseCode = "202", description = "Erased here; other services confirming")
    @APIResponse(
            responseCode = "404",
            description = "No such profile",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> erase(@PathParam("profileId") String profileId) {
        return privacy.erase(profileId, "request")
                .map(status -> Response.accepted(status).build());
    }

    @GET
    @Path("/privacy-requests/{requestId}")
    @Operation(summary = "Status of an erasure", description = "pending until every service confirmed, then complete.")
    @APIResponse(
            responseCode = "404",
            description = "No such request",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Uni<PrivacyService.ErasureStatus> erasure(@PathParam("requestId") String requestId) {
        return privacy.status(requestId);
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
