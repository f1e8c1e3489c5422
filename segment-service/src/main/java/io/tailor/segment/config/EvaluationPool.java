package io.tailor.segment.config;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ForkJoinPool;

/**
 * The threads previews and backfills evaluate rules on: one per core (the common pool has one fewer), apart from
 * the event loops and the worker pool of the live path.
 */
@Singleton
public class EvaluationPool {

    private final ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    public ForkJoinPool pool() {
        return pool;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
