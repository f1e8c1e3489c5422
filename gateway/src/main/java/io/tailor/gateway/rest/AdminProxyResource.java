package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin APIs of every service, through the gateway only, behind a secret key (checked by the key filter):
 * {@code /v1/admin/<area>/...} is forwarded to the owning service's {@code /v1/<area>/...}. Each service's own
 * OpenAPI document describes its admin endpoints.
 */
@Path("/v1/admin")
@Tag(name = "Admin", description = "Every service's management API; needs a secret key")
public class AdminProxyResource {

    /** Which service owns each admin area. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("profiles", "profile-service"),
            Map.entry("segments", "segment-service"),
            Map.entry("memberships", "segment-service"),
            Map.entry("catalog", "recommendation-service"),
            Map.entry("recommendations", "recommendation-service"),
            Map.entry("content", "content-service"),
            Map.entry("offers", "content-service"),
            Map.entry("journeys", "content-service"),
            Map.entry("messages", "content-service"),
            Map.entry("experiments", "experiment-service"),
            Map.entry("assignments", "experiment-service"),
            Map.entry("features", "experiment-service"));

    private final ServiceForwarder forwarder;

    public AdminProxyResource(ServiceForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Path("/{area}{rest: (/.*)?}")
    @Operation(summary = "Forward a GET to the owning service")
    public Uni<Response> get(
            @PathParam("area") String area,
            @PathParam("rest") String rest,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward(HttpMethod.GET, area, rest, uri, headers, null);
    }

    @POST
    @Path("/{area}{rest: (/.*)?}")
    @Operation(summary = "Forward a POST to the owning service")
    public Uni<Response> post(
            @PathParam("area") String area,
            @PathParam("rest") String rest,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward(HttpMethod.POST, area, rest, uri, headers, body);
    }

    @PUT
    @Path("/{area}{rest: (/.*)?}")
    @Operation(summary = "Forward a PUT to the owning service")
    public Uni<Response> put(
            @PathParam("area") String area,
            @PathParam("rest") String rest,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward(HttpMethod.PUT, area, rest, uri, headers, body);
    }

    @PATCH
    @Path("/{area}{rest: (/.*)?}")
    @Operation(summary = "Forward a PATCH to the owning service")
    public Uni<Response> patch(
            @PathParam("area") String area,
            @PathParam("rest") String rest,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward(HttpMethod.PATCH, area, rest, uri, headers, body);
    }

    @DELETE
    @Path("/{area}{rest: (/.*)?}")
    @Operation(summary = "Forward a DELETE to the owning service")
    public Uni<Response> delete(
            @PathParam("area") String area,
            @PathParam("rest") String rest,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward(HttpMethod.DELETE, area, rest, uri, headers, null);
    }

    private Uni<Response> forward(
            HttpMethod method, String area, String rest, UriInfo uri, HttpHeaders headers, byte[] body) {
        String owner = OWNERS.get(area);
        if (owner == null) {
            return Uni.createFrom()
                    .item(Problem.of(
                                    404,
                                    "not-found",
                                    "Not found",
                                    "No admin area '" + area + "'; areas: "
                                            + String.join(
                                                    ", ",
                                                    OWNERS.keySet().stream()
                                                            .sorted()
                                                            .toList()),
                                    uri.getPath())
                            .toResponse());
        }
        String query = uri.getRequestUri().getRawQuery();
        String target = "/v1/" + area + (rest == null ? "" : rest) + (query == null ? "" : "?" + query);
        return forwarder.forward(method, owner, target, uri, headers, body);
    }
}
