package io.tailor.gateway.api;

import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.RequestContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a storefront asks on each page request.
 *
 * @param placements product blocks to fill, e.g. home_for_you or product_page_related
 * @param slots content slots to fill, e.g. home_hero
 * @param offers present when the page shows prices: the offers the shopper sees and the prices under them
 */
@Schema(name = "DecideRequest", description = "Shopper, page context and the placements and slots to fill")
public record DecideRequest(
        @Schema(description = "The browser's anonymous id (first-party cookie)", examples = "a-6f1c7a52")
                String anonymousId,
        @Schema(description = "The store's customer id when logged in") String customerId,
        RequestContext context,
        List<PlacementRequest> placements,
        List<String> slots,
        OffersWanted offers) {}
