package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.client.SegmentRestClient;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks segment-service whether the segments a slot targets exist before the slot is saved. An unknown segment is a
 * violation naming its field; when segment-service cannot say (unreachable, failing, slow), the save is refused with
 * 503: targeting that nobody can verify is never stored. Slots without segments never call segment-service.
 */
@ApplicationScoped
public class SegmentCheck {

    private static final Logger LOG = Logger.getLogger(SegmentCheck.class);

    static final int RETRY_AFTER_SECONDS = 5;

    private final SegmentRestClient segments;

    public SegmentCheck(@RestClient SegmentRestClient segments) {
        this.segments = segments;
    }

    /**
     * @param fields field (e.g. {@code variants[2].targeting.segments[0]}) to the segment key it names
     * @return a violation per field naming a segment segment-service does not know
     */
    public Uni<List<Violation>> unknown(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(fields.values()));
        return Uni.join()
                .all(keys.stream().map(this::exists).toList())
                .andFailFast()
                .map(known -> {
                    List<Violation> violations = new ArrayList<>();
                    fields.forEach((field, key) -> {
                        if (!known.get(keys.indexOf(key))) {
                            violations.add(
                                    new Violation(field, "unknown segment '" + key + "' (segment-service has none)"));
                        }
                    });
                    return violations;
                });
    }

    private Uni<Boolean> exists(String key) {
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
                    LOG.warnf("segment-service did not answer about segment %s: %s", key, f.toString());
                    return unavailable();
                })
                .map(status -> {
                    if (status == 404) {
                        return false;
                    }
                    if (status >= 200 && status < 300) {
                        return true;
                    }
                    LOG.warnf("segment-service answered %d about segment %s", status, key);
                    throw unavailable();
                });
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable(
                "segment-service could not confirm that the targeted segments exist; nothing was saved. Try again.",
                RETRY_AFTER_SECONDS);
    }
}
