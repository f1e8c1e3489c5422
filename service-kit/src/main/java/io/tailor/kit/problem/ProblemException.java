package io.tailor.kit.problem;

import io.tailor.contracts.event.Violation;
import java.util.List;

/**
 * A failure the caller can act on, answered as problem+json with its status. Domain code throws these; the
 * {@link ProblemMappers} turn them into responses.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<Violation> errors;

    public ProblemException(int status, String kind, String title, String detail, List<Violation> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The most field errors one problem lists; the detail gives the total. */
    public static final int MAX_LISTED_ERRORS = 50;

    /** 400: the input broke the listed rules (the first {@value #MAX_LISTED_ERRORS} are listed). */
    public static ProblemException invalid(List<Violation> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().toString()
                : errors.size() + " fields are invalid"
                        + (errors.size() > MAX_LISTED_ERRORS ? " (the first " + MAX_LISTED_ERRORS + " are listed)" : "")
                        + ": " + errors.getFirst() + ", ...";
        return new ProblemException(
                400,
                "invalid-input",
                "Invalid input",
                detail,
                errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
    }

    /** 400: one field is wrong. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    /** 404: the named thing does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, List.of());
    }

    /** 409: the request conflicts with what is stored (a duplicate name, a thing in use, a stale version). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<Violation> errors() {
        return errors;
    }

    /** 503: a dependency could not do its part in time; nothing was done, the same request may be sent again. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new Unavailable(detail, retryAfterSeconds);
    }

    /** Seconds the caller should wait before trying again (the Retry-After header), or 0 for none. */
    public int retryAfterSeconds() {
        return 0;
    }

    private static final class Unavailable extends ProblemException {
        private final int retryAfterSeconds;

        Unavailable(String detail, int retryAfterSeconds) {
            super(503, "unavailable", "Temporarily unavailable", detail, List.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
