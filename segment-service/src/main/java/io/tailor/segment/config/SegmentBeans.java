package io.tailor.segment.config;

import io.tailor.rules.RuleEngine;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.SegmentEvaluator;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ForkJoinPool;

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

    /** The threads previews and backfills evaluate on: one per core (the common pool has one fewer). */
    @Produces
    @Singleton
    @Named("evaluation")
    ForkJoinPool evaluationPool() {
        return new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    void closeEvaluationPool(@Disposes @Named("evaluation") ForkJoinPool pool) {
        pool.shutdownNow();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
