package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.gateway.security.KeyService;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Public keys for storefronts, secret keys for admin and servers")
public class KeysResource {

    private final KeyService keys;

    public KeysResource(KeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "List keys", description = "Names, kinds, origins and prefixes; never a key itself.")
    public Uni<List<KeyService.KeyView>> list() {
        return keys.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a key", description = "The answer is the only time the key is shown.")
    @APIResponse(responseCode = "201", description = "The new key")
    @APIResponse(
            responseCode = "400",
            description = "Invalid name, kind or origins",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(KeyService.KeyRequest request) {
        return keys.create(request).map(k -> Response.status(201).entity(k).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key now")
    @APIResponse(
            responseCode = "404",
            description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<KeyService.KeyView> revoke(@PathParam("id") String id) {
        return keys.revoke(id);
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(
            summary = "Rotate a key",
            description = "Makes a new key like this one; the old one keeps working for graceSeconds (default 86400).")
    @APIResponse(responseCode = "201", description = "The new key")
    public Uni<Response> rotate(
            @PathParam("id") String id, @QueryParam("graceSeconds") @DefaultValue("86400") long grace) {
        return keys.rotate(id, Duration.ofSeconds(grace))
                .map(k -> Response.status(201).entity(k).build());
    }
}
