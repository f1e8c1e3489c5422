package io.tailor.profile.config;

import io.tailor.contracts.profile.LifecyclePolicy;
import io.tailor.profile.domain.ProfilePolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Turns configuration into the plain-Java policies of the domain. */
public class ProfilePolicyProducer {

    @Produces
    @Singleton
    ProfilePolicy policy(ProfileConfig config) {
        ProfileConfig.Lifecycle l = config.lifecycle();
        return new ProfilePolicy(
                config.recentlyViewedLimit(),
                config.affinityHalfLife(),
                config.sessionTimeout(),
                config.purchasesLimit(),
                config.personalizationByDefault(),
                new LifecyclePolicy(
                        l.engagedSessions(),
                        l.engagedProductViews(),
                        l.loyalOrders(),
                        l.lapsingAfter(),
                        l.lapsedAfter()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
