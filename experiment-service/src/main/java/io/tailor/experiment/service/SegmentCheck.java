package io.tailor.experiment.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.client.SegmentRestClient;
import io.tailor.kit.segments.SegmentExistence;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The segments a definition targets must exist in segment-service before it is saved ({@link SegmentExistence}). */
@ApplicationScoped
public class SegmentCheck {

    private final SegmentExistence existence;

    public SegmentCheck(@RestClient SegmentRestClient segments) {
        this.existence = new SegmentExistence(segments::segment);
    }

    /** A violation per field naming an unknown segment; a 503 problem when segment-service cannot answer. */
    public Uni<List<Violation>> unknown(Map<String, String> fields) {
        return existence.unknown(fields);
    }
}
