package io.tailor.content.journey;

import io.smallrye.mutiny.Uni;
import io.tailor.content.client.RecommendationRestClient;
import io.tailor.content.config.MessagesConfig;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.RecommendationRequest;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.ShopperRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The products a journey message shows: a recommendation placement's products when the step names one (with the
 * triggering products as context), else the triggering products themselves, looked up in the catalogue. When
 * recommendation-service does not answer in time the message goes without products rather than not at all.
 */
@ApplicationScoped
public class ProductSource {

    private static final Logger LOG = Logger.getLogger(ProductSource.class);
    static final int MAX_PRODUCTS = 4;

    private final RecommendationRestClient recommendations;
    private final MessagesConfig config;

    public ProductSource(@RestClient RecommendationRestClient recommendations, MessagesConfig config) {
        this.recommendations = recommendations;
        this.config = config;
    }

    public Uni<List<Map<String, Object>>> products(
            String customerId, String placement, List<String> triggering, String storeUrl) {
        Uni<List<Map<String, Object>>> found = placement == null
                ? lookUp(triggering, storeUrl)
                : recommend(customerId, placement, triggering, storeUrl);
        return found.ifNoItem()
                .after(config.recommendationTimeout())
                .fail()
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Message products unavailable (%s); sending without them", e.toString());
                    return List.of();
                });
    }

    private Uni<List<Map<String, Object>>> recommend(
            String customerId, String placement, List<String> triggering, String storeUrl) {
        RequestContext context =
                new RequestContext("email", null, null, null, null, triggering, null, null, null, null, null);
        return recommendations
                .recommend(new RecommendationRequest(
                        new ShopperRef(null, customerId),
                        context,
                        List.of(new PlacementRequest(placement, MAX_PRODUCTS))))
                .map(response -> {
                    List<Map<String, Object>> products = new ArrayList<>();
                    if (response != null && response.placements() != null) {
                        response.placements().forEach(p -> p.items()
                                .forEach(item -> products.add(MessageRenderer.product(
                                        item.productId(), item.title(), item.price(), storeUrl))));
                    }
                    return products.stream().limit(MAX_PRODUCTS).toList();
                });
    }

    private Uni<List<Map<String, Object>>> lookUp(List<String> productIds, String storeUrl) {
        List<String> ids = productIds.stream().distinct().limit(MAX_PRODUCTS).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join()
                .all(ids.stream()
                        .map(id -> recommendations
                                .product(id)
                                .map(p -> p.active()
                                        ? MessageRenderer.product(p.id(), p.title(), p.price(), storeUrl)
                                        : null)
                                .onFailure()
                                .recoverWithNull())
                        .toList())
                .andFailFast()
                .map(found -> found.stream().filter(Objects::nonNull).toList());
    }
}
