package io.tailor.contracts.decision;

/**
 * One block of products a page asks for.
 *
 * @param placement the placement's key, e.g. home_for_you or product_page_related
 * @param limit how many products (1-50)
 */
public record PlacementRequest(String placement, Integer limit) {}
