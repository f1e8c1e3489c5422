package io.tailor.contracts.event;

/**
 * The page an event happened on.
 *
 * @param type page kind: home, category, product, search, cart, checkout, landing, account, other
 */
public record PageInfo(String url, String type, String referrer, String title) {}
