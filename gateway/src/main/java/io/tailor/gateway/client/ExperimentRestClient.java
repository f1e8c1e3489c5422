package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "experiment-service")
@Path("/v1/assignments")
interface ExperimentRestClient {

    @POST
    Uni<AssignmentResponse> assign(AssignmentRequest request);
}
