package io.tailor.recommendation.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.privacy.ShopperDataEraser;
import io.tailor.recommendation.repository.OrderLineStore;
import io.tailor.recommendation.repository.SessionViewStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * recommendation-service holds two kinds of personal data: the product views of a shopper's sessions and the lines
 * of their orders. Both erased by anonymous ids and customer id; the shopper's purchase history leaves the
 * similar-shopper model at once, and the next model rebuilds forget their counts too. Popularity counts are anonymous.
 */
@ApplicationScoped
public class SessionDataEraser implements ShopperDataEraser {

    private final SessionViewStore store;
    private final OrderLineStore orders;
    private final InteractionModels models;

    public SessionDataEraser(SessionViewStore store, OrderLineStore orders, InteractionModels models) {
        this.store = store;
        this.orders = orders;
        this.models = models;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        return store.erase(request.anonymousIds(), request.customerId())
                .call(() -> orders.erase(request.anonymousIds(), request.customerId()))
                .invoke(() -> models.forgetShopper(request.anonymousIds(), request.customerId()));
    }
}
