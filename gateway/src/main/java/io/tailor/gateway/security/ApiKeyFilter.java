package io.tailor.gateway.security;

import io.smallrye.mutiny.Uni;
import io.tailor.gateway.config.GatewayConfig;
import io.tailor.kit.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /v1} call needs an API key in {@code X-Tailor-Key} (or {@code ?key=} for beacons): public keys may
 * send events and ask for decisions, from their allowed origins; {@code /v1/admin} needs a secret key. Then the rate
 * limits: the key's bucket, and for public keys the client IP's too (429 with Retry-After when empty).
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-Tailor-Key";

    private final ApiKeyRegistry registry;
    private final RateLimiter limiter;
    private final boolean required;
    private final GatewayConfig.RateLimits limits;

    public ApiKeyFilter(ApiKeyRegistry registry, RateLimiter limiter, GatewayConfig config) {
        this.registry = registry;
        this.limiter = limiter;
        this.required = config.keys().required();
        this.limits = config.rateLimits();
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> check(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!required || !path.startsWith("/v1/") || "OPTIONS".equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
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
        if (!limits.enabled()) {
            return Uni.createFrom().nullItem();
        }
        List<RateLimiter.Bucket> buckets = new ArrayList<>();
        if (grant.get().isSecret()) {
            buckets.add(new RateLimiter.Bucket(
                    "key:" + grant.get().id(), limits.secretKeyPerSecond(), limits.secretKeyBurst()));
        } else {
            buckets.add(new RateLimiter.Bucket(
                    "key:" + grant.get().id(), limits.publicKeyPerSecond(), limits.publicKeyBurst()));
            String ip = http.remoteAddress() == null
                    ? "unknown"
                    : http.remoteAddress().hostAddress();
            buckets.add(new RateLimiter.Bucket("ip:" + ip, limits.perIpPerSecond(), limits.perIpBurst()));
        }
        return limiter.take(buckets).map(wait -> {
            if (wait.isZero()) {
                return null;
            }
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Response.fromResponse(Problem.of(
                                    429,
                                    "rate-limited",
                                    "Too many requests",
                                    "Slow down: try again in " + seconds + " s",
                                    path)
                            .toResponse())
                    .header("Retry-After", seconds)
                    .build();
        });
    }

    private static Uni<Response> refuse(int status, String kind, String title, String detail, String path) {
        return Uni.createFrom()
                .item(Problem.of(status, kind, title, detail, path).toResponse());
    }
}
