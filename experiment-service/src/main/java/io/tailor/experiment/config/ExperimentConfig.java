package io.tailor.experiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** experiment-service settings ({@code experiment.*}). */
@ConfigMapping(prefix = "experiment")
public interface ExperimentConfig {

    Holdout holdout();

    Stats stats();

    /** How often experiments are re-read from the database. */
    @WithDefault("5s")
    String catalogRefresh();

    /** How often the results of running experiments are recomputed. */
    @WithDefault("60s")
    String resultsInterval();

    /** How often results are kept as points over time (results/history), at most. */
    @WithDefault("15m")
    java.time.Duration resultsHistoryInterval();

    /**
     * The global holdout: a share of all shoppers who see no personalization and no experiment, so the whole
     * program's effect can be measured against them.
     */
    interface Holdout {
        /** Share of shoppers held out, in [0, 1); 0 turns the holdout off. */
        @WithDefault("0")
        double share();

        /** Hash seed of the holdout; changing it reshuffles who is held out. */
        @WithDefault("tailor-global-holdout")
        String seed();
    }

    /** Statistics settings of the results. */
    interface Stats {
        /** Significance level (two-sided) of tests and intervals. */
        @WithDefault("0.05")
        double alpha();

        /** Sample size (all variations) at which the sequential intervals are tightest. */
        @WithDefault("5000")
        double sequentialTuning();

        /** SRM p-value below which the sample-ratio alarm is raised. */
        @WithDefault("0.001")
        double srmThreshold();
    }
}
