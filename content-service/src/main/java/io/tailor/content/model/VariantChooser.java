package io.tailor.content.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Lets experiment-service choose a slot's variant: an A/B test (each variation of a running experiment shows the
 * variant it maps to) or a bandit (its arms are variant keys; clicks on the slot are its rewards). The chosen variant
 * is shown to personalized shoppers instead of the targeting precedence; when experiment-service does not answer in
 * time, or the shopper is not in the experiment, the slot is decided by targeting as usual.
 *
 * @param experiment a running experiment's key
 * @param variations the experiment's variation keys to variant keys of this slot
 * @param bandit a bandit's key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantChooser(String experiment, Map<String, String> variations, String bandit) {

    /** Whether an experiment (not a bandit) chooses; not a bean getter, so JSON keeps the experiment key. */
    public boolean byExperiment() {
        return experiment != null;
    }

    public String chooserKey() {
        return experiment != null ? experiment : bandit;
    }
}
