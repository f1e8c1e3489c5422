package io.tailor.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ProfileSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "profile-service")
@Path("/v1/profiles")
interface ProfileRestClient {

    @GET
    @Path("/summary")
    Uni<ProfileSummary> summary(
            @QueryParam("anonymousId") String anonymousId, @QueryParam("customerId") String customerId);
}
