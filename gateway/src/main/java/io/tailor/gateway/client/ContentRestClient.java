package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "content-service")
@Path("/v1")
interface ContentRestClient {

    @POST
    @Path("/content/decide")
    Uni<ContentResponse> decide(ContentRequest request);

    @POST
    @Path("/offers/decide")
    Uni<OfferDecision> offers(OfferDecisionRequest request);
}
