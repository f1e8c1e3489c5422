package io.tailor.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.tailor.contracts.event.Violation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into an RFC 9457 problem+json response. Bad input gets a 4xx naming the field;
 * anything unexpected gets a 500 with an id to find it in the log, and never internal details.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.status(), e.kind(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return badJson(e, uri);
    }

    /** Also declared for the exact types: quarkus-rest-jackson maps them itself otherwise. */
    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonParseException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "Request refused" : reason.getReasonPhrase();
        String detail =
                switch (status) {
                    case 404 -> "No resource at " + uri.getPath();
                    case 405 -> "This method is not allowed on " + uri.getPath();
                    case 406 -> "The requested media type cannot be produced";
                    case 413 -> "The request body is too large";
                    case 415 -> "Send the body as application/json";
                    default -> title;
                };
        return respond(status, slug(title), title, detail, uri, List.of());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure of %s (incident %s)", uri.getPath(), incident);
        return respond(
                500, "internal-error", "Internal error", "Something went wrong; incident " + incident, uri, List.of());
    }

    private static Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException parse) {
            String where = parse.getLocation() == null
                    ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr();
            return respond(
                    400,
                    "malformed-json",
                    "Malformed JSON",
                    "The body is not valid JSON" + where,
                    uri,
                    List.of(new Violation("", "not valid JSON" + where)));
        }
        Violation violation = JsonFailures.violation(e, "");
        String detail = violation.field().isEmpty() ? violation.message() : violation.toString();
        return respond(400, "invalid-input", "Invalid input", detail, uri, List.of(violation));
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static Response respond(int status, String kind, String title, String detail, UriInfo uri, List<Violation> errors) {
        Problem body = new Problem(
                Problem.TYPE_PREFIX + kind,
                title,
                status,
                detail,
                uri == null ? null : uri.getPath(),
                errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
