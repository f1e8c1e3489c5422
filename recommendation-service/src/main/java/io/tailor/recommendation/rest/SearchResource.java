package io.tailor.recommendation.rest;

import io.smallrye.mutiny.Uni;
import io.tailor.kit.problem.Problem;
import io.tailor.recommendation.search.SearchService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Personalized full-text search, re-ranking and category listings")
public class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @POST
    @Operation(
            summary = "Search the catalogue for a shopper",
            description = "Full text (Lucene BM25 over title, brand, categories, attributes and description, English"
                    + " stemming; quotes for phrases, * for prefixes), re-ranked by the shopper's category and brand"
                    + " affinities and current popularity. Optionally within a top category. Each item says why.")
    @APIResponse(responseCode = "200", description = "The matches, best first, with the total")
    @APIResponse(
            responseCode = "400",
            description = "No query, or limit/offset out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchService.Results> search(SearchService.SearchRequest request) {
        return search.search(request);
    }

    @POST
    @Path("/rerank")
    @Operation(
            summary = "Re-rank the store's own results for a shopper",
            description = "Orders up to 500 product ids (e.g. what the store's search found) by the shopper's"
                    + " affinities and popularity; the store's order breaks ties. Unavailable products are left out.")
    @APIResponse(responseCode = "200", description = "The same products, re-ordered")
    @APIResponse(
            responseCode = "400",
            description = "No ids, too many, or unknown product ids (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchService.Results> rerank(SearchService.RerankRequest request) {
        return search.rerank(request);
    }

    @POST
    @Path("/category")
    @Operation(
            summary = "A category's products in a sort order",
            description = "sortOrder: recommended (the shopper's affinities and popularity; the default), best_selling,"
                    + " top_rated (the rating attribute, then popularity), new_first, price_asc, price_desc. The"
                    + " storefront passes the sortOrder the content decision chose for the shopper's segment.")
    @APIResponse(responseCode = "200", description = "One page of the category")
    @APIResponse(
            responseCode = "400",
            description = "No category, unknown sortOrder, limit/offset out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchService.Results> category(SearchService.CategoryRequest request) {
        return search.category(request);
    }
}
