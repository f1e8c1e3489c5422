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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Passes a request on to one service as it is (body, content type, status and answer), for the calls the gateway
 * exposes without composing them: the admin APIs and a few storefront calls. A service that does not answer gives a
 * 502 problem, never its internal error.
 */
@ApplicationScoped
public class ServiceForwarder {

    private static final Logger LOG = Logger.getLogger(ServiceForwarder.class);

    private final WebClient client;
    private final Map<String, URI> services;

    public ServiceForwarder(
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

    /** Sends {@code method target} (path and query) to {@code owner} and answers with what it answered. */
    public Uni<Response> forward(
            HttpMethod method, String owner, String target, UriInfo uri, HttpHeaders headers, byte[] body) {
        return forward(method, owner, target, uri, headers, body, 30_000);
    }

    /** As {@link #forward(HttpMethod, String, String, UriInfo, HttpHeaders, byte[])}, within {@code timeoutMs}. */
    public Uni<Response> forward(
            HttpMethod method,
            String owner,
            String target,
            UriInfo uri,
            HttpHeaders headers,
            byte[] body,
            long timeoutMs) {
        URI base = services.get(owner);
        HttpRequest<Buffer> request =
                client.request(method, base.getPort(), base.getHost(), target).timeout(timeoutMs);
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
                    LOG.warnf("Call to %s %s failed: %s", owner, target, failure.getMessage());
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
