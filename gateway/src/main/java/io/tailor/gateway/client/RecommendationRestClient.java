package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "recommendation-service")
@Path("/v1/recommendations")
interface RecommendationRestClient {

    @POST
    Uni<RecommendationResponse> recommend(RecommendationRequest request);
}
