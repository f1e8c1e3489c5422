package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.gateway.api.EventBatch;
import io.tailor.gateway.api.IngestResult;
import io.tailor.gateway.service.EventIngestService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/events")
@Tag(name = "Events", description = "What shoppers do")
public class EventsResource {

    private final EventIngestService ingest;

    public EventsResource(EventIngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send shopper events",
            description = "One event, or {\"events\": [...]} with up to 500. Answered 202 only once Kafka has every"
                    + " event; an event id accepted before is answered as a duplicate and not sent again. A batch"
                    + " with any invalid event is refused whole, with every problem listed.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(oneOf = {io.tailor.contracts.event.ShopperEvent.class, EventBatch.class})))
    @APIResponse(
            responseCode = "202",
            description = "Accepted: on Kafka",
            content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid events, each problem named by its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Too many events or too large a body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> send(byte[] body) {
        return accept(body);
    }

    @POST
    @Path("/beacon")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, "application/octet-stream"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send shopper events from navigator.sendBeacon",
            description = "The same body and rules as POST /v1/events, sent as text/plain (no CORS preflight) with"
                    + " the public key in ?key= because beacons cannot set headers. Used when the page is closing.")
    @APIResponse(responseCode = "202", description = "Accepted: on Kafka")
    @APIResponse(
            responseCode = "400",
            description = "Invalid events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> beacon(byte[] body) {
        return accept(body);
    }

    private Uni<Response> accept(byte[] body) {
        return Uni.createFrom()
                .item(() -> ingest.parse(body))
                .flatMap(ingest::accept)
                .map(result -> Response.accepted(result).build());
    }
}
