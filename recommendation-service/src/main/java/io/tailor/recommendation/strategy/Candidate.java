package io.tailor.recommendation.strategy;

/**
 * A product a strategy proposes, with its score (higher is better, comparable within one strategy) and the reason
 * shown to the shopper.
 */
public record Candidate(String productId, double score, String strategy, String reason) {}
