package io.tailor.content.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tailor.content.service.ContentDecisionService;
import io.tailor.content.service.DismissalService;
import io.tailor.content.service.SlotAdminService;
import io.tailor.content.service.SlotInput;
import io.tailor.content.service.SlotView;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/content")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Content", description = "What each slot on a page shows")
public class ContentResource {

    private final ContentDecisionService decisions;
    private final SlotAdminService slots;

    private final DismissalService dismissals;

    public ContentResource(ContentDecisionService decisions, SlotAdminService slots, DismissalService dismissals) {
        this.decisions = decisions;
        this.slots = slots;
        this.dismissals = dismissals;
    }

    @POST
    @Path("/decide")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Choose each slot's variant",
            description = "Per slot: the first variant by priority, then specificity, whose targeting matches, else the"
                    + " default; each answer names the rule that matched. Capped slots are left out once the shopper"
                    + " reached the cap; shows of capped slots are counted.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper, or more than 50 slots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ContentResponse> decide(ContentRequest request) {
        check(request);
        return decisions.decide(request);
    }

    @POST
    @Path("/decide/full")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Choose each slot's variant, with all its fields",
            description = "The same decision as /decide (caps counted alike), each answer also carrying the slot kind"
                    + " and the variant's product collection and sort order.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper, or more than 50 slots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<ContentDecisionService.DecidedVariant>> decideInFull(ContentRequest request) {
        check(request);
        return decisions.decideInFull(request);
    }

    private static void check(ContentRequest request) {
        if (request == null || request.shopper() == null) {
            throw ProblemException.invalid("shopper", "is required");
        }
        if (request.slots() != null && request.slots().size() > 50) {
            throw ProblemException.invalid("slots", "at most 50 slots per decision");
        }
    }

    @GET
    @Path("/slots")
    @Operation(summary = "List slots with their variants")
    public Uni<List<SlotView>> list() {
        return slots.list();
    }

    @GET
    @Path("/slots/{key}")
    @Operation(summary = "Get a slot with its variants")
    @APIResponse(
            responseCode = "404",
            description = "No such slot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SlotView> get(@PathParam("key") String key) {
        return slots.get(key);
    }

    @PUT
    @Path("/slots/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a slot and its variants",
            description = "Exactly one variant is the default. Variants are matched by priority, highest first.")
    @APIResponse(responseCode = "200", description = "The stored slot")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Two variants with the same priority and targeting have overlapping schedules",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "segment-service could not confirm the targeted segments; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = SlotInput.class)))
    public Uni<SlotView> put(@PathParam("key") String key, JsonNode input) {
        return slots.put(key, input);
    }

    @POST
    @Path("/slots/{key}/dismissals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record that a shopper dismissed a variant",
            description = "The variant is not shown to this shopper again for the slot's frequencyCap.dismissDays"
                    + " (30 by default).")
    @APIResponse(responseCode = "200", description = "The dismissal and when it ends")
    @APIResponse(
            responseCode = "400",
            description = "No shopper, or no such active variant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such slot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The slot has no frequencyCap and takes no dismissals",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DismissalService.Dismissal> dismiss(
            @PathParam("key") String key, DismissalService.DismissalInput input) {
        return dismissals.dismiss(key, input);
    }

    @POST
    @Path("/slots/{key}/clicks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record that a shopper clicked a variant",
            description = "When a bandit chooses the slot's variant, the click is a reward of the clicked arm"
                    + " (experiment-service POST /v1/experiments/bandits/{key}/rewards); rewarded says whether it was"
                    + " counted. A/B tests measure clicks from the shopper events instead.")
    @APIResponse(responseCode = "200", description = "The click, and whether it counted as a reward")
    @APIResponse(
            responseCode = "400",
            description = "No shopper, or no such active variant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such slot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DismissalService.Click> click(@PathParam("key") String key, DismissalService.DismissalInput input) {
        return dismissals.click(key, input);
    }
}
