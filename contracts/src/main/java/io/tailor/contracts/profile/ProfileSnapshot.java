package io.tailor.contracts.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Tailor knows about one shopper: the hot copy in Redis ({@link io.tailor.contracts.HotState#profile}) and
 * the body of every {@code profile-changes} message. Read by segment, recommendation, content and experiment
 * services on the decide path. The e-mail address never appears here.
 *
 * @param version increases with every applied change; readers ignore older versions
 * @param traits accountType (retail, wholesale), priceTier, locale and other identify traits
 * @param sessions distinct browser sessions seen
 * @param categoryAffinity time-decayed interest per top-level category (sums to at most 1)
 * @param purchases per product, for replenishment (bounded to the most recent products)
 * @param firstTouch acquisition of the first visit; latestTouch of the latest
 */
public record ProfileSnapshot(
        String profileId,
        long version,
        String customerId,
        List<String> anonymousIds,
        Map<String, String> traits,
        ConsentState consent,
        Instant firstSeen,
        Instant lastSeen,
        int sessions,
        int pageViews,
        int productViews,
        int orders,
        BigDecimal totalSpend,
        BigDecimal averageOrderValue,
        Instant lastOrderAt,
        List<RecentView> recentlyViewed,
        CartState cart,
        Map<String, Double> categoryAffinity,
        Map<String, Double> brandAffinity,
        Map<String, Double> priceBandAffinity,
        List<PurchaseStats> purchases,
        Touch firstTouch,
        Touch latestTouch,
        String device,
        String country,
        Lifecycle lifecycle) {

    /** Whether the shopper has logged in or been identified. */
    public boolean known() {
        return customerId != null;
    }

    public CartState cartOrEmpty() {
        return cart == null ? CartState.EMPTY : cart;
    }

    public ConsentState consentOrUnknown() {
        return consent == null ? ConsentState.UNKNOWN : consent;
    }
}
