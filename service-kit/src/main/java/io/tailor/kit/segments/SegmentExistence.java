package io.tailor.kit.segments;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Checks that the segment keys a definition targets exist in segment-service before the definition is saved: an
 * unknown key is a violation naming its field; when segment-service cannot answer (unreachable, failing, slow), the
 * save is refused with 503 instead of storing targeting nobody can verify. Definitions that target no segment never
 * call segment-service. Services wrap it around their REST client for {@code GET /v1/segments/{key}}.
 */
public final class SegmentExistence {

    private static final Logger LOG = Logger.getLogger(SegmentExistence.class);

    /** Seconds a caller is asked to wait when segment-service cannot answer. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final Function<String, Uni<Response>> segment;

    /** @param segment asks segment-service for one segment ({@code GET /v1/segments/{key}}) */
    public SegmentExistence(Function<String, Uni<Response>> segment) {
        this.segment = segment;
    }

    /**
     * @param fields field name (e.g. {@code variants[2].targeting.segments[0]}) to the segment key it names, in order
     * @return a violation for every field naming a segment segment-service does not know; fails with a 503 problem
     *     when segment-service is unreachable or failing
     */
    public Uni<List<Violation>> unknown(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(fields.values()));
        return Uni.join()
                .all(keys.stream().map(this::exists).toList())
                .andFailFast()
                .map(results -> {
                    Map<String, Boolean> known = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        known.put(keys.get(i), results.get(i));
                    }
                    List<Violation> violations = new ArrayList<>();
                    fields.forEach((field, key) -> {
                        if (!known.get(key)) {
                            violations.add(
                                    new Violation(field, "unknown segment '" + key + "' (not in segment-service)"));
                        }
                    });
                    return violations;
                });
    }

    private Uni<Boolean> exists(String key) {
        Uni<Response> call;
        try {
            call = segment.apply(key);
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.map(response -> {
                    int status = response.getStatus();
                    response.close();
                    return status;
                })
                .onFailure(WebApplicationException.class)
                .recoverWithItem(
                        f -> ((WebApplicationException) f).getResponse().getStatus())
                .onFailure()
                .transform(f -> {
                    LOG.warnf("segment-service did not answer for segment %s: %s", key, f.toString());
                    return unavailable();
                })
                .map(status -> {
                    if (status == 404) {
                        return false;
                    }
                    if (status >= 200 && status < 300) {
                        return true;
                    }
                    LOG.warnf("segment-service answered %d for segment %s", status, key);
                    throw unavailable();
                });
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable(
                "segment-service could not confirm that the targeted segments exist; nothing was saved. Try again.",
                RETRY_AFTER_SECONDS);
    }
}
