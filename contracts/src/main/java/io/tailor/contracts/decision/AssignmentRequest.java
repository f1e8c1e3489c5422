package io.tailor.contracts.decision;

/** Asks experiment-service for the shopper's variations in every running experiment. */
public record AssignmentRequest(ShopperRef shopper, RequestContext context) {}
