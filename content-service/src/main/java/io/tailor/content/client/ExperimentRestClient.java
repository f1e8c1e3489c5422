package io.tailor.content.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.AssignmentRequest;
import io.tailor.contracts.decision.AssignmentResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * experiment-service, for slots whose variant an experiment or a bandit chooses: existence on save, the shopper's
 * assignment or the bandit's arm on decide, rewards on clicks. URL: EXPERIMENT_SERVICE_URL.
 */
@RegisterRestClient(configKey = "experiment-service")
@Path("/v1")
public interface ExperimentRestClient {

    @GET
    @Path("/experiments/{key}")
    Uni<Response> experiment(@PathParam("key") String key);

    @GET
    @Path("/experiments/bandits/{key}")
    Uni<Response> bandit(@PathParam("key") String key);

    @POST
    @Path("/assignments")
    Uni<AssignmentResponse> assign(AssignmentRequest request);

    @POST
    @Path("/experiments/bandits/{key}/choose")
    Uni<Choice> choose(@PathParam("key") String key);

    @POST
    @Path("/experiments/bandits/{key}/rewards")
    Uni<Response> reward(@PathParam("key") String key, Map<String, String> reward);

    /** The arm a bandit chose. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(String bandit, String arm, boolean stopped) {}
}
