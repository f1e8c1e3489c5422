package io.tailor.gateway.rest;

import io.tailor.gateway.config.GatewayConfig;
import io.tailor.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the demo storefront served by this gateway needs to know: its public key. Answers only when
 * {@code gateway.demo.public-key} is set (the local platform sets it; production does not).
 */
@Path("/demo/config")
@Tag(name = "Demo")
public class DemoConfigResource {

    private final Optional<String> publicKey;

    public DemoConfigResource(GatewayConfig config) {
        this.publicKey = config.demo().publicKey();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The demo storefront's public key (local platform only)")
    public Map<String, String> config() {
        return Map.of("publicKey", publicKey.orElseThrow(() -> ProblemException.notFound("No demo store here")));
    }
}
