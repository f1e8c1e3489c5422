package io.tailor.recommendation.strategy;

import java.util.List;

/**
 * A named block of products and the strategies that fill it, in order: each strategy adds what the earlier ones
 * did not, until the block is full.
 */
public record Placement(String key, List<String> strategies, int defaultLimit) {}
