package io.tailor.contracts;

import io.tailor.contracts.event.ShopperEvent;

/**
 * How a shopper's events are keyed on Kafka. Events of one browser (anonymous id) always land on the same
 * partition, so one consumer sees them in order; server-side events without an anonymous id use the customer id.
 */
public final class ShopperKeys {

    private ShopperKeys() {}

    /** The partition key of an event: its anonymous id when present, else its customer id. */
    public static String of(ShopperEvent event) {
        return of(event.anonymousId(), event.customerId());
    }

    public static String of(String anonymousId, String customerId) {
        if (anonymousId != null && !anonymousId.isBlank()) {
            return "a:" + anonymousId;
        }
        if (customerId != null && !customerId.isBlank()) {
            return "c:" + customerId;
        }
        throw new IllegalArgumentException("a shopper needs an anonymousId or a customerId");
    }
}
