package io.tailor.content.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tailor.content.journey.JourneyAdminService;
import io.tailor.content.journey.JourneyDefinition;
import io.tailor.content.journey.MessageLog;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journeys", description = "Triggered messages: cart recovery, browse abandonment, replenishment, ...")
public class JourneyResource {

    private final JourneyAdminService journeys;
    private final MessageLog log;

    public JourneyResource(JourneyAdminService journeys, MessageLog log) {
        this.journeys = journeys;
        this.log = log;
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a journey",
            description = "A trigger (an event type applied to the profile, or entering a segment), steps (delay,"
                    + " template, optional recommendation placement and send-time condition), exit events, re-entry"
                    + " rule and an optional hand-off (then). Refused with the field named: unknown event types,"
                    + " templates or segments, negative or unreadable delays, and then-chains that loop.")
    @APIResponse(responseCode = "200", description = "The stored journey; its version grows on every save")
    @APIResponse(
            responseCode = "400",
            description = "Invalid journey; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "segment-service could not confirm the trigger segment; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = JourneyDefinition.class)))
    public Uni<JourneyAdminService.JourneyView> put(@PathParam("key") String key, JsonNode body) {
        return journeys.put(key, body);
    }

    @GET
    @Operation(summary = "List journeys")
    public Uni<List<JourneyAdminService.JourneyView>> list() {
        return journeys.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get a journey")
    @APIResponse(
            responseCode = "404",
            description = "No such journey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JourneyAdminService.JourneyView> get(@PathParam("key") String key) {
        return journeys.get(key);
    }

    @DELETE
    @Path("/{key}")
    @Operation(
            summary = "Delete a journey",
            description = "Shoppers still in it leave it at their next step. Refused while another journey hands off"
                    + " to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such journey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Another journey hands off to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("key") String key) {
        return journeys.delete(key);
    }

    @GET
    @Path("/{key}/runs")
    @Operation(
            summary = "Shoppers' passes through a journey",
            description = "Newest first: the step each is at, when it is due, and why a run ended.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid status or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MessageLog.RunView>> runs(
            @PathParam("key") String key,
            @QueryParam("profileId") String profileId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return log.runs(key, profileId, status, limit);
    }

    @GET
    @Path("/{key}/stats")
    @Operation(summary = "Runs and messages of a journey, counted by status")
    public Uni<MessageLog.Stats> stats(@PathParam("key") String key) {
        return journeys.get(key).flatMap(j -> log.stats(key));
    }
}
