package io.tailor.segment.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** experiment-service's experiment list (targeting names segments). URL: EXPERIMENT_SERVICE_URL. */
@RegisterRestClient(configKey = "experiment-service")
@Path("/v1/experiments")
interface ExperimentRestClient {

    @GET
    Uni<JsonNode> experiments();
}
