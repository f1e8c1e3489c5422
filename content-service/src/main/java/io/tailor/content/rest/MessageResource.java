package io.tailor.content.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tailor.content.journey.JourneyAdminService;
import io.tailor.content.journey.MessageLog;
import io.tailor.content.journey.UnsubscribeService;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages", description = "The message log, message templates and the unsubscribe link")
public class MessageResource {

    private final MessageLog log;
    private final JourneyAdminService admin;
    private final UnsubscribeService unsubscribe;

    public MessageResource(MessageLog log, JourneyAdminService admin, UnsubscribeService unsubscribe) {
        this.log = log;
        this.admin = admin;
        this.unsubscribe = unsubscribe;
    }

    @GET
    @Operation(
            summary = "The message log",
            description = "Newest first; every message a journey decided on: queued, sending, sent, retrying, dead"
                    + " (after the last retry), unknown (interrupted mid-send, never resent) or suppressed with the"
                    + " reason (no consent, unsubscribed, no address, frequency cap).")
    @APIResponse(
            responseCode = "400",
            description = "Invalid status or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MessageLog.MessageView>> list(
            @QueryParam("profileId") String profileId,
            @QueryParam("journey") String journey,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return log.messages(profileId, journey, status, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One message, with the rendered body once sent")
    @APIResponse(
            responseCode = "400",
            description = "Not a message id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such message",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MessageLog.MessageView> get(@PathParam("id") String id) {
        UUID messageId;
        try {
            messageId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "not a message id (a UUID)");
        }
        return log.message(messageId);
    }

    @GET
    @Path("/templates")
    @Operation(summary = "List message templates")
    public Uni<List<JourneyAdminService.TemplateView>> templates() {
        return admin.templates();
    }

    @GET
    @Path("/templates/{key}")
    @Operation(summary = "Get a message template")
    @APIResponse(
            responseCode = "404",
            description = "No such template",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JourneyAdminService.TemplateView> template(@PathParam("key") String key) {
        return admin.template(key);
    }

    @PUT
    @Path("/templates/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a message template",
            description = "Qute syntax; the HTML is escaped. The template must render against the model every message"
                    + " has: shopper.firstName, products (productId, title, price, url, imageUrl), storeUrl,"
                    + " unsubscribeUrl, journey. A broken template is refused with Qute's message.")
    @APIResponse(responseCode = "200", description = "The stored template")
    @APIResponse(
            responseCode = "400",
            description = "Missing fields, or a template that does not parse or render",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = JourneyAdminService.TemplateInput.class)))
    public Uni<JourneyAdminService.TemplateView> putTemplate(@PathParam("key") String key, JsonNode body) {
        return admin.putTemplate(key, body);
    }

    @POST
    @Path("/unsubscribe")
    @Operation(
            summary = "Unsubscribe from marketing e-mail (the link in every message)",
            description = "p: the profile id, t: the link's signature. No further journey message is sent, running"
                    + " journeys end, and a consent_updated event (marketing_email false, source email_unsubscribe)"
                    + " is published for profile-service. Idempotent.")
    @APIResponse(responseCode = "200", description = "Unsubscribed")
    @APIResponse(
            responseCode = "400",
            description = "Missing profile id or a signature that does not match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UnsubscribeService.Result> unsubscribe(
            @QueryParam("p") String profileId, @QueryParam("t") String token) {
        return unsubscribe.unsubscribe(profileId, token);
    }
}
