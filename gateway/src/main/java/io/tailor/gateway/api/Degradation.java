package io.tailor.gateway.api;

/**
 * A part of a decision that was served by its fallback.
 *
 * @param service the service that did not answer in time, e.g. segment-service
 * @param reason timeout, unavailable, circuit_open or error
 * @param fallback what was served instead, e.g. last_known_popular or control
 */
public record Degradation(String service, String reason, String fallback) {}
