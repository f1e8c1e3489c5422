package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
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
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The admin APIs of every service, through the gateway only, behind a secret key (checked by the key filter):
 * {@code /v1/admin/<area>/...} is forwarded to the owning service's {@code /v1/<area>/...}. Each service's own
 * OpenAPI document describes its admin endpoints.
 */
@Path("/v1/admin")
@Tag(name = "Admin", description = "Every service's management API; needs a secret key")
public class AdminProxyResource {

    private static final Logger LOG = Logger.getLogger(AdminProxyResource.class);

    /** Which service owns each admin area. */
    static final Map<String, String> OWNERS = Map.of(
            "profiles", "profile-service",
            "segments", "segment-service",
            "memberships", "segment-service",
            "catalog", "recommendation-service",
            "recommendations", "recommendation-service",
            "placements", "recommendation-service",
            "content", "content-service",
            "experiments", "experiment-service",
            "assignments", "experiment-service",
            "features", "experiment-service");

    private final WebClient client;
    private final Map<String, URI> services;

    public AdminProxyResource(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.rest-client.profile-service.url") URI profile,
            @ConfigProperty(name = "quarkus.rest-client.segment-service.url") URI segment,
            @ConfigProperty(name = "quarkus.rest-client.recommendation-service.url") URI recommendation,
            @ConfigProperty(name = "quarkus.rest-client.content-service.url") URI content,
            @ConfigProperty(name = "quarkus.rest-client.experiment-service.url") URI experiment) {
        this.client = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(1_000).setIdleTimeout(60));
        this.services = Map.of(
                "profile-service", profile,
                "segment-service", segment,
                "recommendation-service", recommendation,
                "content-service", content,
                "experiment-service", experiment);
    }

    @PreDestroy
    void close() {
        client.close();
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
        URI base = services.get(owner);
        String query = uri.getRequestUri().getRawQuery();
        String target = "/v1/" + area + (rest == null ? "" : rest) + (query == null ? "" : "?" + query);
        HttpRequest<Buffer> request =
                client.request(method, base.getPort(), base.getHost(), target).timeout(30_000);
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            request.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        request.putHeader(HttpHeaders.ACCEPT, "application/json");
        Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent =
                body == null || body.length == 0 ? request.send() : request.sendBuffer(Buffer.buffer(body));
        return sent.map(response -> {
                    Response.ResponseBuilder out = Response.status(response.statusCode());
                    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
                    if (type != null) {
                        out.type(type);
                    }
                    Buffer payload = response.body();
                    return out.entity(payload == null ? new byte[0] : payload.getBytes())
                            .build();
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("Admin call to %s %s failed: %s", owner, target, failure.getMessage());
                    return Problem.of(
                                    502,
                                    "service-unavailable",
                                    "Service unavailable",
                                    owner + " did not answer",
                                    uri.getPath())
                            .toResponse();
                });
    }
}
