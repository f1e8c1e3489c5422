package io.tailor.kit.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code tailor.http.max-body-bytes} (admin paths:
 * {@code tailor.http.admin-max-body-bytes}) with a problem+json 413 before it is read. Bodies without a declared
 * length are cut by {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long maxBytes;
    private final long adminMaxBytes;

    public BodyLimitFilter(
            @ConfigProperty(name = "tailor.http.max-body-bytes", defaultValue = "1048576") long maxBytes,
            @ConfigProperty(name = "tailor.http.admin-max-body-bytes", defaultValue = "16777216") long adminMaxBytes) {
        this.maxBytes = maxBytes;
        this.adminMaxBytes = adminMaxBytes;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            long limit = context.request().path().startsWith("/v1/admin/") ? adminMaxBytes : maxBytes;
            if (length > limit) {
                Problem problem = Problem.of(
                        413,
                        "body-too-large",
                        "Body too large",
                        "The body has " + length + " bytes; at most " + limit + " are accepted",
                        context.request().path());
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(problem));
                return;
            }
            context.next();
        });
    }
}
