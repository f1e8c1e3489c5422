package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.SegmentLookupRequest;
import io.tailor.contracts.decision.SegmentLookupResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "segment-service")
@Path("/v1/memberships")
interface SegmentRestClient {

    @POST
    @Path("/lookup")
    Uni<SegmentLookupResponse> lookup(SegmentLookupRequest request);
}
