package io.tailor.contracts.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * The thresholds that place a shopper in a {@link Lifecycle} stage, evaluated against "now" so that a stage moves
 * with time even when the shopper does nothing (documented in docs/profiles.md).
 *
 * @param engagedSessions sessions that make a visitor without orders engaged
 * @param engagedProductViews product views that make a visitor without orders engaged
 * @param loyalOrders orders that make a repeat customer loyal
 * @param lapsingAfter time since the last order after which a customer is lapsing
 * @param lapsedAfter time since the last order after which a customer is lapsed
 */
public record LifecyclePolicy(
        int engagedSessions, int engagedProductViews, int loyalOrders, Duration lapsingAfter, Duration lapsedAfter) {

    public static final LifecyclePolicy DEFAULT =
            new LifecyclePolicy(2, 5, 5, Duration.ofDays(90), Duration.ofDays(180));

    /** The stage of a shopper with these counts at {@code now}. */
    public Lifecycle stageOf(int sessions, int productViews, int orders, Instant lastOrderAt, Instant now) {
        if (orders > 0 && lastOrderAt != null) {
            Duration since = Duration.between(lastOrderAt, now);
            if (since.compareTo(lapsedAfter) >= 0) {
                return Lifecycle.LAPSED;
            }
            if (since.compareTo(lapsingAfter) >= 0) {
                return Lifecycle.LAPSING;
            }
            if (orders >= loyalOrders) {
                return Lifecycle.LOYAL;
            }
            return orders == 1 ? Lifecycle.FIRST_PURCHASE : Lifecycle.REPEAT;
        }
        if (sessions >= engagedSessions || productViews >= engagedProductViews) {
            return Lifecycle.ENGAGED;
        }
        return Lifecycle.NEW_VISITOR;
    }

    /** The stage of {@code profile} at {@code now}. */
    public Lifecycle stageOf(ProfileSnapshot profile, Instant now) {
        return stageOf(profile.sessions(), profile.productViews(), profile.orders(), profile.lastOrderAt(), now);
    }
}
