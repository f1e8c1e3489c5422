package io.tailor.recommendation.strategy;

import java.util.List;

/**
 * One way of choosing products. Strategies are plain Java: they read the request context and in-memory models and
 * answer without I/O, so a placement can run several of them within a few milliseconds.
 */
public interface Strategy {

    /** The name placements use for it, e.g. {@code bought_together}. */
    String name();

    /**
     * Candidates best first, each with its reason. They may include unavailable products: the placement's rules
     * filter them.
     */
    List<Candidate> candidates(RecommendationContext context, int limit);
}
