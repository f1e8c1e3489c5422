package io.tailor.experiment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.client.SegmentRestClient;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Checks that the segment keys a definition targets exist in segment-service before it is saved: an unknown key is a
 * violation naming its field; when segment-service cannot answer, the save is refused with 503 instead of accepting
 * targeting nobody can verify. Definitions that target no segment never call segment-service.
 */
@ApplicationScoped
public class SegmentCheck {

    private static final Logger LOG = Logger.getLogger(SegmentCheck.class);

    /** Seconds a caller is asked to wait when segment-service cannot answer. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final SegmentRestClient segments;

    public SegmentCheck(@RestClient SegmentRestClient segments) {
        this.segments = segments;
    }

    private enum Lookup {
        KNOWN,
        UNKNOWN
    }

    /**
     * @param fields field name (e.g. {@code targeting.segments[1]}) to the segment key it names, in order
     * @return a violation for every field naming a segment segment-service does not know; fails with a 503 problem
     *     when segment-service is unreachable or failing
     */
    public Uni<List<Violation>> unknown(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(fields.values()));
        List<Uni<Lookup>> lookups = keys.stream().map(this::lookup).toList();
        return Uni.join().all(lookups).andFailFast().map(results -> {
            Map<String, Lookup> byKey = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                byKey.put(keys.get(i), results.get(i));
            }
            List<Violation> violations = new ArrayList<>();
            fields.forEach((field, key) -> {
                if (byKey.get(key) == Lookup.UNKNOWN) {
                    violations.add(new Violation(field, "unknown segment '" + key + "' (not in segment-service)"));
                }
            });
            return violations;
        });
    }

    private Uni<Lookup> lookup(String key) {
        Uni<Response> call;
        try {
            call = segments.segment(key);
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
                        return Lookup.UNKNOWN;
                    }
                    if (status >= 200 && status < 300) {
                        return Lookup.KNOWN;
                    }
                    LOG.warnf("segment-service answered %d for segment %s", status, key);
                    throw unavailable();
                });
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable(
                "segment-service could not confirm the targeted segments exist; nothing was saved. Try again.",
                RETRY_AFTER_SECONDS);
    }
}
