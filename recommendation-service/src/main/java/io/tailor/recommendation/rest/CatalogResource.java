package io.tailor.recommendation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.kit.problem.ProblemException;
import io.tailor.recommendation.Product;
import io.tailor.recommendation.catalog.CatalogService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/catalog/products")
@Tag(name = "Catalogue", description = "The products Tailor may recommend")
public class CatalogResource {

    private final CatalogService catalog;

    public CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Upsert products",
            description = "A JSON array of products (up to 10,000). Each row is validated on its own: bad rows are"
                    + " reported with their index and errors and not stored; the others are stored.")
    @APIResponse(responseCode = "200", description = "How many rows were stored, and why the others were not")
    @APIResponse(
            responseCode = "400",
            description = "The body is not an array of products",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CatalogService.UpsertReport> upsert(JsonNode body) {
        return catalog.upsert(body);
    }

    @GET
    @Path("/{productId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a product")
    @APIResponse(
            responseCode = "404",
            description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Product> get(@PathParam("productId") String productId) {
        return catalog.find(productId).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("No product " + productId);
            }
            return p;
        });
    }
}
