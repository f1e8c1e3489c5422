package io.tailor.contracts.decision;

import java.util.List;

/**
 * @param holdout whether the shopper is in the global holdout, which sees no personalization
 */
public record AssignmentResponse(List<VariantAssignment> assignments, boolean holdout) {}
