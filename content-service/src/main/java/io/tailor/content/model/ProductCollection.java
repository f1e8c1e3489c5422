package io.tailor.content.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The products a variant features: a list of product ids, or a category (one of the two).
 *
 * @param category a category path joined by {@code >} (e.g. {@code shoes>running}) or a category id
 */
@RegisterForReflection
public record ProductCollection(List<String> productIds, String category) {}
