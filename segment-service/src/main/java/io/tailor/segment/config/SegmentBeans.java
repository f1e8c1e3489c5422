package io.tailor.segment.config;

import io.tailor.rules.RuleEngine;
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
    Clock clock() {
        return Clock.systemUTC();
    }
}
