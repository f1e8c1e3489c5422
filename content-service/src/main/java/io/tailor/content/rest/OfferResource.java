package io.tailor.content.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tailor.content.offer.OfferDefinition;
import io.tailor.content.service.OfferAdminService;
import io.tailor.content.service.OfferDecisionService;
import io.tailor.contracts.decision.OfferDecision;
import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.kit.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "Discounts, free shipping, bundles and wholesale tiers, with guardrails")
public class OfferResource {

    private final OfferAdminService offers;
    private final OfferDecisionService decisions;

    public OfferResource(OfferAdminService offers, OfferDecisionService decisions) {
        this.offers = offers;
        this.decisions = decisions;
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace an offer",
            description = "Refused when the discount is negative, over 100% or over the configured cap, and when it"
                    + " would show shoppers of one segment different prices for the same product at the same time"
                    + " without a priceReason.")
    @APIResponse(responseCode = "200", description = "The stored offer")
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition or unknown segment; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Inconsistent prices within a segment without a declared priceReason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "segment-service could not confirm the targeted segments; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = OfferDefinition.class)))
    public Uni<OfferAdminService.OfferView> put(@PathParam("key") String key, JsonNode body) {
        return offers.put(key, body);
    }

    @GET
    @Operation(summary = "List offers")
    public Uni<List<OfferAdminService.OfferView>> list() {
        return offers.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "Get an offer")
    @APIResponse(
            responseCode = "404",
            description = "No such offer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OfferAdminService.OfferView> get(@PathParam("key") String key) {
        return offers.get(key);
    }

    @GET
    @Path("/{key}/audit")
    @Operation(summary = "The audit log of an offer", description = "Every time it was shown, newest first.")
    @APIResponse(
            responseCode = "400",
            description = "limit out of 1..1000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such offer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<OfferAdminService.AuditEntry>> audit(
            @PathParam("key") String key, @QueryParam("limit") @DefaultValue("100") int limit) {
        return offers.audit(key, limit);
    }

    @POST
    @Path("/decide")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The offers a shopper sees, with prices and why",
            description = "Deterministic: one shopper sees one price per product within an offer window. Every"
                    + " offer shown is audited, and its prices are pinned for that shopper; with dryRun=true the"
                    + " decision is the same but nothing is audited or pinned.")
    @APIResponse(
            responseCode = "400",
            description = "No shopper, or invalid products",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OfferDecision> decide(
            OfferDecisionRequest request,
            @Parameter(description = "Decide without recording: for previews and the service's warm-up")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun) {
        return decisions.decide(request, !dryRun);
    }
}
