package io.tailor.segment.config;

import io.tailor.rules.RuleEngine;
import io.tailor.segment.domain.PersonalizationPolicy;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.SegmentEvaluator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The plain-Java pieces of the domain, as beans. */
public class SegmentBeans {

    @Produces
    @Singleton
    RuleEngine ruleEngine() {
        return new RuleEngine();
    }

    @Produces
    @Singleton
    SegmentEvaluator segmentEvaluator(RuleEngine engine) {
        return new SegmentEvaluator(engine);
    }

    @Produces
    @Singleton
    ProfileIndex profileIndex() {
        return new ProfileIndex();
    }

    @Produces
    @Singleton
    PersonalizationPolicy personalizationPolicy(SegmentConfig config) {
        return new PersonalizationPolicy(config.personalizationByDefault());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
