package io.tailor.contracts.decision;

/** Asks segment-service which segments a shopper belongs to, now, on this page. */
public record SegmentLookupRequest(ShopperRef shopper, RequestContext context) {}
