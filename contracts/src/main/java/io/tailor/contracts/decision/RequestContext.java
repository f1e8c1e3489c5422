package io.tailor.contracts.decision;

import io.tailor.contracts.event.Utm;
import java.util.List;

/**
 * The page being rendered: what request-time segments, content targeting and recommendations look at.
 *
 * @param pageType home, category, product, search, cart, checkout, landing, account, other
 * @param productId the product on a product page
 * @param categoryPath the category of a category or product page
 * @param query the search query on a search page
 * @param cartProductIds products in the cart now
 * @param referrer the page's referrer
 */
public record RequestContext(
        String pageType,
        String url,
        String productId,
        List<String> categoryPath,
        String query,
        List<String> cartProductIds,
        Utm utm,
        String referrer,
        String device,
        String country,
        String locale) {

    public static final RequestContext EMPTY =
            new RequestContext(null, null, null, null, null, null, null, null, null, null, null);

    public Utm utmOrNone() {
        return utm == null ? Utm.NONE : utm;
    }
}
