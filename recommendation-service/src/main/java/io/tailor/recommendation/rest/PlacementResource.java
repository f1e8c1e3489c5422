package io.tailor.recommendation.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.recommendation.placement.PlacementDefinition;
import io.tailor.recommendation.service.PlacementService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/recommendations/placements")
@Tag(name = "Placements", description = "Placements as data: strategies, blending, fallbacks and rules")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {

    private final PlacementService placements;

    public PlacementResource(PlacementService placements) {
        this.placements = placements;
    }

    @GET
    @Operation(summary = "List placements", description = "Every placement, by key.")
    @APIResponse(responseCode = "200", description = "The placements")
    public List<PlacementDefinition> list() {
        return placements.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get a placement")
    @APIResponse(responseCode = "200", description = "The placement")
    @APIResponse(
            responseCode = "404",
            description = "No such placement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlacementDefinition get(@PathParam("key") String key) {
        return placements.get(key);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a placement",
            description = "Strategies (ordered or weighted blend), fallbacks, default limit and rules.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition: each error names its field (unknown strategy, limits, lambda...)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A placement with this key exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(PlacementDefinition placement) {
        return placements.create(placement).map(created -> Response.created(
                        URI.create("/v1/recommendations/placements/" + created.key()))
                .entity(created)
                .build());
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a placement", description = "The body's key, if given, must match the path.")
    @APIResponse(responseCode = "200", description = "The placement as stored")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition: each error names its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such placement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PlacementDefinition> update(@PathParam("key") String key, PlacementDefinition placement) {
        return placements.update(key, placement);
    }

    @DELETE
    @Path("/{key}")
    @Operation(
            summary = "Delete a placement",
            description = "A default placement deleted is stored again at the next start.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such placement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("key") String key) {
        return placements.delete(key);
    }
}
