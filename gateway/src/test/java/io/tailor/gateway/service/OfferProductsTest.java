package io.tailor.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.RecommendationResponse;
import io.tailor.contracts.decision.RecommendedProduct;
import io.tailor.gateway.api.OffersWanted;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which products a decision asks content-service to price. */
class OfferProductsTest {

    private static RecommendedProduct item(String id, String price) {
        return new RecommendedProduct(
                id, id, price == null ? null : new BigDecimal(price), "GBP", null, null, 1, "popular", "Popular");
    }

    @Test
    void thePagesProductsComeFirstThenEachRecommendedProductWithAPriceOnce() {
        OfferDecisionRequest.ProductInput cartLine =
                new OfferDecisionRequest.ProductInput("a", new BigDecimal("5"), List.of("Kitchen"), null, 3);
        RecommendationResponse recommended = new RecommendationResponse(List.of(
                new PlacementResult("related", List.of(item("a", "4"), item("b", "2"), item("c", null)), false),
                new PlacementResult("popular", List.of(item("b", "2"), item("d", "7.5")), false)));

        List<OfferDecisionRequest.ProductInput> products =
                DecisionService.offerProducts(new OffersWanted(List.of(cartLine), null), recommended);

        assertThat(products)
                .extracting(OfferDecisionRequest.ProductInput::productId)
                .containsExactly("a", "b", "d");
        assertThat(products.get(0)).isEqualTo(cartLine);
        assertThat(products.get(2).price()).isEqualByComparingTo("7.5");
    }

    @Test
    void neverMoreThanContentServiceAcceptsInOneRequest() {
        List<RecommendedProduct> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(item("p" + i, "1"));
        }
        List<OfferDecisionRequest.ProductInput> products = DecisionService.offerProducts(
                new OffersWanted(null, true),
                new RecommendationResponse(List.of(new PlacementResult("popular", many, false))));

        assertThat(products).hasSize(OfferDecisionRequest.MAX_PRODUCTS);
        assertThat(OfferDecisionRequest.violations(products, "products")).isEmpty();
    }

    @Test
    void withoutRecommendationsOnlyThePagesProducts() {
        assertThat(DecisionService.offerProducts(new OffersWanted(null, false), null))
                .isEmpty();
    }
}
