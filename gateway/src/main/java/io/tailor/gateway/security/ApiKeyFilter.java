package io.tailor.gateway.security;

import io.tailor.gateway.config.GatewayConfig;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /v1} call needs an API key in {@code X-Tailor-Key} (or {@code ?key=} for beacons): public keys may
 * send events and ask for decisions, from their allowed origins; {@code /v1/admin} needs a secret key.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-Tailor-Key";

    private final ApiKeyRegistry registry;
    private final boolean required;

    public ApiKeyFilter(ApiKeyRegistry registry, GatewayConfig config) {
        this.registry = registry;
        this.required = config.keys().required();
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!required || !path.startsWith("/v1/") || "OPTIONS".equals(request.getMethod())) {
            return null;
        }
        String presented = request.getHeaderString(HEADER);
        if (presented == null) {
            presented = request.getUriInfo().getQueryParameters().getFirst("key");
        }
        if (presented == null) {
            return refuse(
                    401, "missing-api-key", "API key required", "Send your key in the " + HEADER + " header", path);
        }
        var grant = registry.grant(presented);
        if (grant.isEmpty()) {
            return refuse(401, "invalid-api-key", "Invalid API key", "The key is unknown or revoked", path);
        }
        boolean admin = path.startsWith("/v1/admin");
        if (admin && !grant.get().isSecret()) {
            return refuse(
                    403,
                    "secret-key-required",
                    "Secret key required",
                    "Admin APIs need a secret key; public keys may only send events and ask for decisions",
                    path);
        }
        if (!grant.get().isSecret() && !grant.get().allowsOrigin(request.getHeaderString("Origin"))) {
            return refuse(
                    403,
                    "origin-not-allowed",
                    "Origin not allowed",
                    "This public key is not allowed from this origin",
                    path);
        }
        return null;
    }

    private static Response refuse(int status, String kind, String title, String detail, String path) {
        return Problem.of(status, kind, title, detail, path).toResponse();
    }
}
