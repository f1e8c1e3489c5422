package io.tailor.contracts;

import java.util.List;

/**
 * Kafka topic names: the one definition every service uses. See docs/events.md for key, schema, producer,
 * consumers and retention of each topic.
 */
public final class Topics {

    /** Every shopper event accepted by the gateway; key = shopper key ({@link ShopperKeys}). */
    public static final String SHOPPER_EVENTS = "shopper-events";
    /** Shopper events a consumer could not apply, with the original payload and the reason. */
    public static final String SHOPPER_EVENTS_DLQ = "shopper-events-dlq";
    /** A profile's new state after each applied event; key = profile id. */
    public static final String PROFILE_CHANGES = "profile-changes";
    /** A shopper entering or leaving a segment; key = profile id. */
    public static final String SEGMENT_CHANGES = "segment-changes";
    /** Experiment and bandit exposures logged by decisions; key = unit id. */
    public static final String EXPOSURES = "exposures";
    /** Messages (e-mail) a journey decided to send; key = profile id. */
    public static final String OUTBOUND_MESSAGES = "outbound-messages";
    /** Messages that could not be delivered after every retry (template or SMTP failures); key = profile id. */
    public static final String OUTBOUND_MESSAGES_DLQ = "outbound-messages-dlq";
    /** Catalogue changes (product upserts and removals); key = product id. */
    public static final String CATALOG_CHANGES = "catalog-changes";
    /** Export and erasure requests; key = profile id. */
    public static final String PRIVACY_REQUESTS = "privacy-requests";
    /** Each service's confirmation that it acted on a privacy request; key = request id. */
    public static final String PRIVACY_RESULTS = "privacy-results";

    /** Every topic, for provisioning. */
    public static final List<String> ALL = List.of(
            SHOPPER_EVENTS,
            SHOPPER_EVENTS_DLQ,
            PROFILE_CHANGES,
            SEGMENT_CHANGES,
            EXPOSURES,
            OUTBOUND_MESSAGES,
            OUTBOUND_MESSAGES_DLQ,
            CATALOG_CHANGES,
            PRIVACY_REQUESTS,
            PRIVACY_RESULTS);

    private Topics() {}
}
