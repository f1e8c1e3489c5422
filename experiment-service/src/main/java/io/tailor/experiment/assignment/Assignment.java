package io.tailor.experiment.assignment;

/**
 * Where a unit lands in one experiment.
 *
 * @param inExperiment false when excluded by coverage, namespace or a missing hash attribute
 * @param variationIndex -1 when not in the experiment
 * @param bucket the unit's hash in [0, 1), null when it could not be hashed
 */
public record Assignment(boolean inExperiment, int variationIndex, Double bucket, boolean hashUsed) {

    public static final Assignment OUT = new Assignment(false, -1, null, false);
}
