package io.tailor.kit.privacy;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyRequest;

/**
 * Implemented by every service that stores data about shoppers: erases all of it for the shopper of a request
 * (their profile id, customer id and anonymous ids). Must be idempotent: a request may be delivered twice.
 */
public interface ShopperDataEraser {

    Uni<Void> erase(PrivacyRequest request);
}
