package io.tailor.profile.domain;

import io.tailor.contracts.profile.LifecyclePolicy;
import java.time.Duration;

/**
 * What a profile keeps and how it ages.
 *
 * @param recentlyViewedLimit products kept in the recently viewed list
 * @param affinityHalfLife time after which an interest counts half
 * @param sessionTimeout inactivity that starts a new visit when the client sends no session id
 * @param purchasesLimit products whose purchase history is kept (the most recently bought)
 * @param personalizationByDefault whether a shopper who never answered the consent question is personalized
 */
public record ProfilePolicy(
        int recentlyViewedLimit,
        Duration affinityHalfLife,
        Duration sessionTimeout,
        int purchasesLimit,
        boolean personalizationByDefault,
        LifecyclePolicy lifecycle) {

    public static final ProfilePolicy DEFAULT =
            new ProfilePolicy(20, Duration.ofDays(14), Duration.ofMinutes(30), 200, true, LifecyclePolicy.DEFAULT);
}
