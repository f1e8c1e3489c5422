package io.tailor.segment.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.service.ExplainService;
import io.tailor.segment.service.PreviewService;
import io.tailor.segment.service.SegmentInput;

/**
 * Keeps the records this service reads and writes with its ObjectMapper outside any REST signature readable in a
 * native executable: the request bodies read strictly from a {@code JsonNode} (so an unknown field is refused by
 * name) and the RFM boundaries shared through Redis as JSON. The native-image analysis cannot see those; Quarkus
 * registers the types of REST signatures by itself, and the kit registers the contracts' records
 * ({@code ContractsReflection}). {@code SegmentReflectionTest} checks every type read with the mapper is here.
 */
@RegisterForReflection(
        targets = {
            SegmentInput.class,
            PreviewService.PreviewRequest.class,
            ExplainService.ExplainRequest.class,
            RfmModel.class
        })
public final class SegmentReflection {

    private SegmentReflection() {}
}
