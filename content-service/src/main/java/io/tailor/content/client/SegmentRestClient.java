package io.tailor.content.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** segment-service's segment lookup ({@code GET /v1/segments/{key}}: 200 known, 404 unknown). URL: SEGMENT_SERVICE_URL. */
@RegisterRestClient(configKey = "segment-service")
@Path("/v1/segments")
public interface SegmentRestClient {

    @GET
    @Path("/{key}")
    Uni<Response> segment(@PathParam("key") String key);
}
