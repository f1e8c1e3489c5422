package io.tailor.contracts.decision;

import java.util.List;

/** Asks content-service what each slot shows. */
public record ContentRequest(ShopperRef shopper, RequestContext context, List<String> slots) {}
