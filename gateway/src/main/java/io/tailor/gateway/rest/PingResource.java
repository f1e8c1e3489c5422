package io.tailor.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Does nothing, through everything a request passes: the key check, the origin check and the rate limits. A
 * storefront uses it to check its key and origin; the load benchmark uses it as the floor under decide.
 */
@Path("/v1/ping")
@Tag(name = "Decide", description = "What to show this shopper on this page")
public class PingResource {

    @GET
    @Operation(
            summary = "Check a key",
            description = "Answers 204 when the key is valid, allowed from this origin and within its rate limits;"
                    + " otherwise the same 401, 403 or 429 problem any call would get.")
    @APIResponse(responseCode = "204", description = "The key works")
    public void ping() {
        // nothing: the filters in front of it are the point
    }
}
