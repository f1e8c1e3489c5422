package io.tailor.recommendation.placement;

import io.tailor.contracts.event.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a placement definition field by field; every problem is reported with the field that has it. */
public final class PlacementValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,64}");
    static final int MAX_STRATEGIES = 10;
    static final int MAX_IDS = 100;
    static final int MAX_LIMIT = 50;
    static final double MAX_WEIGHT = 1000;

    private final Set<String> strategies;

    public PlacementValidator(Set<String> strategies) {
        this.strategies = Set.copyOf(strategies);
    }

    public List<Violation> validate(PlacementDefinition p) {
        List<Violation> out = new ArrayList<>();
        if (p == null) {
            out.add(new Violation("", "a placement definition is required"));
            return out;
        }
        if (p.key() == null || !KEY.matcher(p.key()).matches()) {
            out.add(new Violation("key", "1-64 lower-case letters, digits, _ or -"));
        }
        if (p.description() != null && p.description().length() > 500) {
            out.add(new Violation("description", "at most 500 characters"));
        }
        if (p.strategies() == null || p.strategies().isEmpty()) {
            out.add(new Violation("strategies", "at least one strategy is required"));
        } else if (p.strategies().size() > MAX_STRATEGIES) {
            out.add(new Violation("strategies", "at most " + MAX_STRATEGIES + " strategies"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < p.strategies().size(); i++) {
                PlacementDefinition.StrategyWeight s = p.strategies().get(i);
                String field = "strategies[" + i + "]";
                if (s == null || s.name() == null) {
                    out.add(new Violation(field + ".name", "is required"));
                    continue;
                }
                if (!strategies.contains(s.name())) {
                    out.add(new Violation(field + ".name", unknown(s.name())));
                } else if (!seen.add(s.name())) {
                    out.add(new Violation(field + ".name", "strategy listed twice"));
                }
                if (s.weight() != null && (s.weight().isNaN() || s.weight() <= 0 || s.weight() > MAX_WEIGHT)) {
                    out.add(new Violation(field + ".weight", "must be above 0 and at most " + (int) MAX_WEIGHT));
                }
            }
        }
        if (p.blend() != null
                && !p.blend().equals(PlacementDefinition.ORDERED)
                && !p.blend().equals(PlacementDefinition.WEIGHTED)) {
            out.add(new Violation("blend", "ordered or weighted"));
        }
        List<String> fallbacks = p.fallbacksOrEmpty();
        if (fallbacks.size() > MAX_STRATEGIES) {
            out.add(new Violation("fallbacks", "at most " + MAX_STRATEGIES + " strategies"));
        }
        for (int i = 0; i < fallbacks.size() && i < MAX_STRATEGIES; i++) {
            if (fallbacks.get(i) == null || !strategies.contains(fallbacks.get(i))) {
                out.add(new Violation("fallbacks[" + i + "]", unknown(fallbacks.get(i))));
            }
        }
        if (p.defaultLimit() != null && (p.defaultLimit() < 1 || p.defaultLimit() > MAX_LIMIT)) {
            out.add(new Violation("defaultLimit", "must be between 1 and " + MAX_LIMIT));
        }
        if (p.rules() != null) {
            rules(p.rules(), out);
        }
        return out;
    }

    private static void rules(PlacementRules r, List<Violation> out) {
        if (r.excludePurchasedWithinDays() != null
                && (r.excludePurchasedWithinDays() < 0 || r.excludePurchasedWithinDays() > 3650)) {
            out.add(new Violation("rules.excludePurchasedWithinDays", "must be between 0 and 3650"));
        }
        ids("rules.includeCategories", r.includeCategories(), out);
        ids("rules.excludeCategories", r.excludeCategories(), out);
        ids("rules.pin", r.pin(), out);
        ids("rules.boost", r.boost(), out);
        ids("rules.bury", r.bury(), out);
        if (r.minPrice() != null && r.minPrice().signum() < 0) {
            out.add(new Violation("rules.minPrice", "must not be negative"));
        }
        if (r.maxPrice() != null && r.maxPrice().signum() < 0) {
            out.add(new Violation("rules.maxPrice", "must not be negative"));
        }
        if (r.minPrice() != null && r.maxPrice() != null && r.maxPrice().compareTo(r.minPrice()) < 0) {
            out.add(new Violation("rules.maxPrice", "must not be below minPrice"));
        }
        if (r.maxPerBrand() != null && (r.maxPerBrand() < 1 || r.maxPerBrand() > MAX_LIMIT)) {
            out.add(new Violation("rules.maxPerBrand", "must be between 1 and " + MAX_LIMIT));
        }
        if (r.maxPerCategory() != null && (r.maxPerCategory() < 1 || r.maxPerCategory() > MAX_LIMIT)) {
            out.add(new Violation("rules.maxPerCategory", "must be between 1 and " + MAX_LIMIT));
        }
        if (r.diversityLambda() != null && !within(r.diversityLambda())) {
            out.add(new Violation("rules.diversityLambda", "must be between 0 and 1"));
        }
        if (r.explorationShare() != null && !within(r.explorationShare())) {
            out.add(new Violation("rules.explorationShare", "must be between 0 and 1"));
        }
    }

    private static boolean within(double value) {
        return !Double.isNaN(value) && value >= 0 && value <= 1;
    }

    private static void ids(String field, List<String> ids, List<Violation> out) {
        if (ids == null) {
            return;
        }
        if (ids.size() > MAX_IDS) {
            out.add(new Violation(field, "at most " + MAX_IDS + " entries"));
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank() || ids.get(i).length() > 200) {
                out.add(new Violation(field + "[" + i + "]", "1-200 characters"));
            }
        }
    }

    private String unknown(String name) {
        return "unknown strategy " + (name == null ? "null" : "'" + name + "'") + "; known: "
                + String.join(", ", strategies.stream().sorted().toList());
    }

    /** Whether a price is inside the band (null bounds are open). */
    static boolean inBand(BigDecimal price, BigDecimal min, BigDecimal max) {
        if (price == null) {
            return min == null && max == null;
        }
        return (min == null || price.compareTo(min) >= 0) && (max == null || price.compareTo(max) <= 0);
    }
}
