package io.tailor.contracts.event;

import java.time.Instant;

/**
 * One thing a shopper did, as published on {@code shopper-events}. The same shape is accepted by the gateway's
 * {@code POST /v1/events} (the gateway fills {@code receivedAt}).
 *
 * @param eventId client-generated UUID; events with the same id are applied once
 * @param occurredAt when it happened, by the client's clock
 * @param receivedAt when the gateway accepted it, by the server's clock
 * @param anonymousId the browser's id (first-party cookie)
 * @param customerId the store's customer id, when logged in
 * @param sessionId the browser session
 */
public record ShopperEvent(
        String eventId,
        EventType type,
        Instant occurredAt,
        Instant receivedAt,
        String anonymousId,
        String customerId,
        String sessionId,
        EventContext context,
        EventProperties properties) {

    /** The context, never null. */
    public EventContext contextOrEmpty() {
        return context == null ? EventContext.EMPTY : context;
    }

    /** The properties, never null. */
    public EventProperties propertiesOrEmpty() {
        return properties == null ? EventProperties.EMPTY : properties;
    }

    public ShopperEvent withReceivedAt(Instant at) {
        return new ShopperEvent(eventId, type, occurredAt, at, anonymousId, customerId, sessionId, context, properties);
    }
}
