package io.tailor.experiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** experiment-service settings ({@code experiment.*}). */
@ConfigMapping(prefix = "experiment")
public interface ExperimentConfig {

    Holdout holdout();

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
}
