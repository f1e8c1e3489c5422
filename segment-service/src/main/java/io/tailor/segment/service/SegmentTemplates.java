package io.tailor.segment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready-made segments: each a documented CEL rule with named parameters (docs/segments.md). A template's rule is
 * filled with parameter values and then saved like any hand-written rule.
 */
public final class SegmentTemplates {

    /**
     * @param rule CEL with {name} placeholders
     * @param wakeUp CEL giving when a profile's membership may change with time, or null
     * @param defaults every parameter with its default value
     */
    public record Template(
            String key,
            String name,
            String description,
            String scope,
            String rule,
            String wakeUp,
            Map<String, String> defaults) {

        /** The rule with parameters filled in (defaults for those not given). */
        public String rule(Map<String, String> parameters) {
            return fill(rule, parameters);
        }

        public String wakeUp(Map<String, String> parameters) {
            return wakeUp == null ? null : fill(wakeUp, parameters);
        }

        private String fill(String text, Map<String, String> parameters) {
            String filled = text;
            for (Map.Entry<String, String> p : defaults.entrySet()) {
                String value = parameters == null ? null : parameters.get(p.getKey());
                filled = filled.replace("{" + p.getKey() + "}", value == null ? p.getValue() : value);
            }
            return filled;
        }
    }

    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    static {
        add(new Template(
                "first-time-visitor",
                "First-time visitors",
                "On their first visit and never ordered.",
                "profile",
                "profile.sessions <= 1 && profile.orders == 0",
                null,
                Map.of()));
        add(new Template(
                "repeat-customer",
                "Repeat customers",
                "Ordered at least {minOrders} times.",
                "profile",
                "profile.orders >= {minOrders}",
                null,
                Map.of("minOrders", "2")));
        add(new Template(
                "cart-abandoner",
                "Cart abandoners",
                "Something in the cart, no change for {idleMinutes} minutes, and no order since.",
                "profile",
                "profile.cart.items > 0 && now - profile.cart.updatedAt >= duration('{idleMinutes}m')"
                        + " && (!has(profile.lastOrderAt) || profile.lastOrderAt < profile.cart.updatedAt)",
                "profile.cart.items > 0 ? [profile.cart.updatedAt + duration('{idleMinutes}m')] : []",
                Map.of("idleMinutes", "30")));
    }

    private SegmentTemplates() {}

    private static void add(Template template) {
        TEMPLATES.put(template.key(), template);
    }

    public static Optional<Template> get(String key) {
        return Optional.ofNullable(TEMPLATES.get(key));
    }

    public static List<Template> all() {
        return List.copyOf(TEMPLATES.values());
    }

    /** The segments a new installation starts with. */
    public static List<String> starters() {
        return List.of("first-time-visitor", "repeat-customer", "cart-abandoner");
    }
}
