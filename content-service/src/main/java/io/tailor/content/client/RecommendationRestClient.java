package io.tailor.content.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RecommendationResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.math.BigDecimal;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * recommendation-service, for the products a journey message shows: a placement's recommendations and catalogue
 * look-ups of the products that triggered it. URL: RECOMMENDATION_SERVICE_URL.
 */
@RegisterRestClient(configKey = "recommendation-service")
@Path("/v1")
public interface RecommendationRestClient {

    @POST
    @Path("/recommendations")
    Uni<RecommendationResponse> recommend(RecommendationRequest request);

    @GET
    @Path("/catalog/products/{productId}")
    Uni<CatalogProduct> product(@PathParam("productId") String productId);

    /** The part of a catalogue product a message shows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogProduct(String id, String title, BigDecimal price, String currency, boolean active) {}
}
