package io.tailor.segment.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** content-service's slot and offer lists (their targeting names segments). URL: CONTENT_SERVICE_URL. */
@RegisterRestClient(configKey = "content-service")
@Path("/v1")
interface ContentRestClient {

    @GET
    @Path("/content/slots")
    Uni<JsonNode> slots();

    @GET
    @Path("/offers")
    Uni<JsonNode> offers();
}
