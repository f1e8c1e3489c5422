package io.tailor.contracts.decision;

import java.util.List;

/**
 * The products of one placement.
 *
 * @param fallback true when the placement's own strategies had nothing and a fallback filled it
 */
public record PlacementResult(String placement, List<RecommendedProduct> items, boolean fallback) {}
