package io.tailor.gateway.api;

/**
 * What happened to one submitted event.
 *
 * @param status accepted (now on Kafka) or duplicate (an event with this id was accepted before)
 */
public record EventReceipt(String eventId, String status) {}
