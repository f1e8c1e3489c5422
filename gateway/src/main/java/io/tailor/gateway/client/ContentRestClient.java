package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "content-service")
@Path("/v1/content")
interface ContentRestClient {

    @POST
    @Path("/decide")
    Uni<ContentResponse> decide(ContentRequest request);
}
