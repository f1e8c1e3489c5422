package io.tailor.content.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.content.service.ContentDecisionService;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/content")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Content", description = "What each slot on a page shows")
public class ContentResource {

    private final ContentDecisionService decisions;
    private final SlotAdminService slots;

    public ContentResource(ContentDecisionService decisions, SlotAdminService slots) {
        this.decisions = decisions;
        this.slots = slots;
    }

    @POST
    @Path("/decide")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose each slot's variant", description = "Each answer names the rule that matched.")
    public Uni<ContentResponse> decide(ContentRequest request) {
        if (request == null || request.shopper() == null) {
            throw ProblemException.invalid("shopper", "is required");
        }
        return decisions.decide(request);
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
    public Uni<SlotView> put(@PathParam("key") String key, SlotInput input) {
        return slots.put(key, input);
    }
}
