package io.tailor.gateway.service;

import io.tailor.contracts.decision.PlacementResult;
import io.tailor.contracts.decision.SlotContent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last non-personalized answer seen per placement and per slot: what a decision serves when
 * recommendation-service or content-service cannot answer in time. Only answers that are safe to show anyone are
 * kept (popular products, default content), never a shopper's personal results.
 */
@ApplicationScoped
public class LastKnownGood {

    private static final java.util.Set<String> SHAREABLE_STRATEGIES =
            java.util.Set.of("popular", "trending", "top_in_category");

    private final Map<String, PlacementResult> placements = new ConcurrentHashMap<>();
    private final Map<String, SlotContent> slots = new ConcurrentHashMap<>();

    public void remember(PlacementResult result) {
        if (!result.items().isEmpty()
                && result.items().stream().allMatch(i -> SHAREABLE_STRATEGIES.contains(i.strategy()))) {
            placements.put(result.placement(), result);
        }
    }

    public void remember(SlotContent content) {
        if ("default".equals(content.matchedRule())) {
            slots.put(content.slot(), content);
        }
    }

    public Optional<PlacementResult> placement(String placement) {
        return Optional.ofNullable(placements.get(placement))
                .map(p -> new PlacementResult(p.placement(), p.items(), true));
    }

    public Optional<SlotContent> slot(String slot) {
        return Optional.ofNullable(slots.get(slot));
    }

    public List<String> knownPlacements() {
        return List.copyOf(placements.keySet());
    }
}
