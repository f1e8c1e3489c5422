package io.tailor.recommendation.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.privacy.ShopperDataEraser;
import io.tailor.recommendation.repository.SessionViewStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * recommendation-service holds one kind of personal data: the product views of a shopper's sessions. Erased by
 * anonymous ids and customer id; the next model rebuild forgets them too. Popularity counts are anonymous.
 */
@ApplicationScoped
public class SessionDataEraser implements ShopperDataEraser {

    private final SessionViewStore store;

    public SessionDataEraser(SessionViewStore store) {
        this.store = store;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        return store.erase(request.anonymousIds(), request.customerId());
    }
}
