package io.tailor.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Storefront calls that one service answers on its own, open to public keys like events and decide: the offers
 * for the products on a page, and a shopper dismissing a pop-up or banner. content-service validates the bodies and
 * answers with problem+json; the gateway checks the key, origin and rate limits and passes the call on.
 */
@Path("/v1")
@Tag(name = "Storefront", description = "Calls a storefront makes besides events and decide")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StorefrontResource {

    private static final Pattern SLOT_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final long TIMEOUT_MS = 2_000;

    private final ServiceForwarder forwarder;

    public StorefrontResource(ServiceForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @POST
    @Path("/offers/decide")
    @Operation(
            summary = "The offers a shopper sees for the products on a page",
            description = "Answered by content-service (POST /v1/offers/decide): each offer with its prices, the"
                    + " rule that matched and its explanation in plain words. A shopper sees one price for a product"
                    + " within an offer window. Send personalize=false for a shopper without consent.")
    @APIResponse(responseCode = "200", description = "The offers shown; every one is written to the audit log")
    @APIResponse(
            responseCode = "400",
            description = "Invalid body, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> offers(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forwarder.forward(
                HttpMethod.POST, "content-service", "/v1/offers/decide", uri, headers, body, TIMEOUT_MS);
    }

    @POST
    @Path("/content/slots/{slot}/dismissals")
    @Operation(
            summary = "A shopper dismissed what a slot showed",
            description = "Answered by content-service: the dismissed variant is not shown to this shopper again"
                    + " for the period the slot's frequency cap sets.")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(
            responseCode = "400",
            description = "Invalid slot key or body, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such slot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> dismiss(
            @PathParam("slot") String slot, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return toSlot(slot, "dismissals", uri, headers, body);
    }

    @POST
    @Path("/content/slots/{slot}/clicks")
    @Operation(
            summary = "A shopper clicked what a slot showed",
            description = "Answered by content-service: when a bandit chooses the slot's variant, the click is a"
                    + " reward of that arm.")
    @APIResponse(responseCode = "200", description = "Recorded; rewarded says whether a bandit counted it")
    @APIResponse(
            responseCode = "400",
            description = "Invalid slot key or body, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such slot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> click(
            @PathParam("slot") String slot, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return toSlot(slot, "clicks", uri, headers, body);
    }

    /** Passes what a shopper did with a slot on to content-service, once the slot key is a valid one. */
    private Uni<Response> toSlot(String slot, String what, UriInfo uri, HttpHeaders headers, byte[] body) {
        if (!SLOT_KEY.matcher(slot).matches()) {
            throw ProblemException.invalid("slot", "a slot key: lower-case letters, digits, '-' and '_'");
        }
        return forwarder.forward(
                HttpMethod.POST,
                "content-service",
                "/v1/content/slots/" + slot + "/" + what,
                uri,
                headers,
                body,
                TIMEOUT_MS);
    }

    @POST
    @Path("/search{rest: (/rerank|/category)?}")
    @Operation(
            summary = "Search, re-rank or list a category for a shopper",
            description = "Answered by recommendation-service: POST /v1/search (full text re-ranked by the shopper's"
                    + " affinities), /v1/search/rerank (order the store's own result ids), /v1/search/category (a"
                    + " category in a sort order, e.g. the one the content decision chose for the shopper's segment)."
                    + " Send personalize=false for a shopper without consent.")
    @APIResponse(responseCode = "200", description = "Products with their reasons, best first")
    @APIResponse(
            responseCode = "400",
            description = "Invalid body, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> search(
            @PathParam("rest") String rest, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forwarder.forward(
                HttpMethod.POST,
                "recommendation-service",
                "/v1/search" + (rest == null ? "" : rest),
                uri,
                headers,
                body,
                TIMEOUT_MS);
    }

    @GET
    @Path("/products/{productId}")
    @Operation(
            summary = "One product of the catalogue (public data: title, price, category, image, stock)",
            description = "Answered by recommendation-service (GET /v1/catalog/products/{id}).")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(
            responseCode = "404",
            description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> product(
            @PathParam("productId") String productId, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (productId.length() > 128 || productId.contains("/")) {
            throw ProblemException.invalid("productId", "a product id of at most 128 characters");
        }
        return forwarder.forward(
                HttpMethod.GET,
                "recommendation-service",
                "/v1/catalog/products/"
                        + java.net.URLEncoder.encode(productId, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"),
                uri,
                headers,
                null,
                TIMEOUT_MS);
    }
}
