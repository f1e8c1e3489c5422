package io.tailor.gateway.api;

import io.tailor.contracts.decision.OfferDecisionRequest;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Asks a decision for the offers the shopper sees and the prices under them.
 *
 * @param products the page's own products with their regular prices (the product on a product page, the cart's
 *     lines with quantities); at most 100 together with the recommended ones
 * @param priceRecommendations whether every recommended product of the decision is priced too; absent means true
 */
@Schema(
        name = "OffersWanted",
        description = "Present: the decision also answers the offers the shopper sees, pricing these products and"
                + " (unless priceRecommendations is false) every recommended product")
public record OffersWanted(
        @Schema(description = "The page's own products with their regular prices; at most 100")
                List<OfferDecisionRequest.ProductInput> products,
        @Schema(description = "Price the decision's recommended products too; default true")
                Boolean priceRecommendations) {

    public List<OfferDecisionRequest.ProductInput> productsOrEmpty() {
        return products == null ? List.of() : products;
    }

    public boolean recommendationsPriced() {
        return priceRecommendations == null || priceRecommendations;
    }
}
