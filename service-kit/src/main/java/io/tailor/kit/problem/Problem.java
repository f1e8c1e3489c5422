package io.tailor.kit.problem;

import io.tailor.contracts.event.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with {@code errors} naming each offending
 * field.
 *
 * @param type a URN naming the kind of problem, e.g. {@code urn:problem:tailor:invalid-input} (see docs/api-errors.md)
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence
 * @param instance the request path
 * @param errors each field that was wrong and why
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:problem:tailor:";

    /** A problem of the given kind (the last part of its type URN) without field errors. */
    public static Problem of(int status, String kind, String title, String detail, String instance) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, instance, null);
    }

    /** This problem as a response with the problem+json media type. */
    public jakarta.ws.rs.core.Response toResponse() {
        return jakarta.ws.rs.core.Response.status(status)
                .type(MEDIA_TYPE)
                .entity(this)
                .build();
    }
}
