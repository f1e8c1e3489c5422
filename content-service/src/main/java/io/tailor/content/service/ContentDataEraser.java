package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.cache.ShopperFrequency;
import io.tailor.content.journey.ContactBook;
import io.tailor.content.journey.JourneyEngine;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.privacy.ShopperDataEraser;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Erases what content-service holds about a shopper: show counts and dismissals of capped slots (Redis), the offer
 * audit rows (PostgreSQL), kept under the customer id or an anonymous id, and audit rows by profile id; the journey
 * runs, message log and unsubscribe record of the profile, and the customer's contact details.
 * Idempotent.
 */
@ApplicationScoped
public class ContentDataEraser implements ShopperDataEraser {

    private final ShopperFrequency frequency;
    private final Pool pool;
    private final JourneyEngine journeys;
    private final ContactBook contacts;

    public ContentDataEraser(ShopperFrequency frequency, Pool pool, JourneyEngine journeys, ContactBook contacts) {
        this.frequency = frequency;
        this.pool = pool;
        this.journeys = journeys;
        this.contacts = contacts;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        Set<String> ids = new LinkedHashSet<>();
        if (request.customerId() != null && !request.customerId().isBlank()) {
            ids.add(request.customerId());
        }
        if (request.anonymousIds() != null) {
            request.anonymousIds().stream()
                    .filter(id -> id != null && !id.isBlank())
                    .forEach(ids::add);
        }
        if (request.profileId() != null && !request.profileId().isBlank()) {
            ids.add(request.profileId());
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String profileId = request.profileId();
        return frequency
                .erase(ids)
                .call(() -> pool.preparedQuery("DELETE FROM offer_audit WHERE shopper_id = ANY($1) OR profile_id = $2")
                        .execute(Tuple.of(ids.toArray(String[]::new), profileId)))
                .call(() -> profileId == null || profileId.isBlank()
                        ? Uni.createFrom().voidItem()
                        : journeys.forget(java.util.List.of(profileId)))
                .call(() -> request.customerId() == null || request.customerId().isBlank()
                        ? Uni.createFrom().voidItem()
                        : contacts.forget(new String[] {request.customerId()}))
                .replaceWithVoid();
    }
}
