package io.tailor.content.journey;

import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.Violation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a journey before it is stored: every problem is reported with the field it concerns, including unknown event
 * types and templates, negative or unreadable delays, and {@code then} chains that would loop back.
 */
public final class JourneyValidator {

    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int MAX_STEPS = 10;
    static final Duration MAX_DELAY = Duration.ofDays(365);

    private JourneyValidator() {}

    /**
     * @param templates the template keys that exist
     * @param thenOf every other stored journey's {@code then} (null when it has none), by key
     */
    public static List<Violation> validate(
            String key, JourneyDefinition journey, Set<String> templates, Map<String, String> thenOf) {
        List<Violation> violations = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            violations.add(new Violation("key", "1-64 characters: lower-case letters, digits, '-' and '_'"));
        }
        if (journey.name() == null || journey.name().isBlank()) {
            violations.add(new Violation("name", "is required"));
        } else if (journey.name().length() > 200) {
            violations.add(new Violation("name", "at most 200 characters"));
        }
        trigger(journey, violations);
        List<String> exitOn = journey.exitOnOrEmpty();
        for (int i = 0; i < exitOn.size(); i++) {
            String type = exitOn.get(i);
            if (!EventType.wireNames().contains(type)) {
                violations.add(new Violation(
                        "exitOn[" + i + "]",
                        "unknown event type '" + type + "'; accepted: " + String.join(", ", EventType.wireNames())));
            } else if (journey.trigger() != null
                    && type.equals(journey.trigger().event())) {
                violations.add(new Violation(
                        "exitOn[" + i + "]", "the trigger event cannot also end the journey: it would never run"));
            }
        }
        if (Boolean.TRUE.equals(journey.exitOnSegmentExit())
                && (journey.trigger() == null || journey.trigger().segmentEntered() == null)) {
            violations.add(new Violation("exitOnSegmentExit", "only a segment-triggered journey can end on exit"));
        }
        steps(journey.steps(), templates, violations);
        if (journey.then() != null) {
            loops(key, journey.then(), thenOf, violations);
        }
        return violations;
    }

    private static void trigger(JourneyDefinition journey, List<Violation> violations) {
        JourneyDefinition.Trigger trigger = journey.trigger();
        if (trigger == null) {
            violations.add(new Violation("trigger", "is required: an event or segmentEntered"));
            return;
        }
        boolean event = trigger.event() != null;
        boolean segment = trigger.segmentEntered() != null;
        if (event == segment) {
            violations.add(new Violation("trigger", "exactly one of event and segmentEntered"));
            return;
        }
        if (event && !EventType.wireNames().contains(trigger.event())) {
            violations.add(new Violation(
                    "trigger.event",
                    "unknown event type '" + trigger.event() + "'; accepted: "
                            + String.join(", ", EventType.wireNames())));
        }
        if (segment && !KEY.matcher(trigger.segmentEntered()).matches()) {
            violations.add(new Violation("trigger.segmentEntered", "not a segment key"));
        }
    }

    private static void steps(List<JourneyDefinition.Step> steps, Set<String> templates, List<Violation> violations) {
        if (steps == null || steps.isEmpty()) {
            violations.add(new Violation("steps", "at least one step is required"));
            return;
        }
        if (steps.size() > MAX_STEPS) {
            violations.add(new Violation("steps", "at most " + MAX_STEPS + " steps"));
        }
        for (int i = 0; i < steps.size(); i++) {
            JourneyDefinition.Step step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                violations.add(new Violation(at, "a step is required"));
                continue;
            }
            delay(step.delay(), at + ".delay", violations);
            if (step.template() == null || step.template().isBlank()) {
                violations.add(new Violation(at + ".template", "is required"));
            } else if (!templates.contains(step.template())) {
                violations.add(new Violation(at + ".template", "no template '" + step.template() + "'"));
            }
            if (step.placement() != null && !KEY.matcher(step.placement()).matches()) {
                violations.add(new Violation(at + ".placement", "not a placement key"));
            }
        }
    }

    private static void delay(String delay, String field, List<Violation> violations) {
        if (delay == null) {
            violations.add(new Violation(field, "is required: an ISO-8601 duration such as PT30M or P3D"));
            return;
        }
        try {
            Duration d = Duration.parse(delay);
            if (d.isNegative()) {
                violations.add(new Violation(field, "must not be negative"));
            } else if (d.compareTo(MAX_DELAY) > 0) {
                violations.add(new Violation(field, "at most P365D"));
            }
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "not an ISO-8601 duration such as PT30M or P3D: '" + delay + "'"));
        }
    }

    /** Follows the {@code then} chain from this journey; reaching it again is a loop. */
    private static void loops(String key, String then, Map<String, String> thenOf, List<Violation> violations) {
        if (!KEY.matcher(then).matches()) {
            violations.add(new Violation("then", "not a journey key"));
            return;
        }
        if (!then.equals(key) && !thenOf.containsKey(then)) {
            violations.add(new Violation("then", "no journey '" + then + "'"));
            return;
        }
        Set<String> chain = new LinkedHashSet<>();
        chain.add(key);
        String next = then;
        while (next != null) {
            if (!chain.add(next)) {
                violations.add(
                        new Violation("then", "journeys would loop: " + String.join(" → ", chain) + " → " + next));
                return;
            }
            next = thenOf.get(next);
        }
    }

    /** The delay of a validated step. */
    public static Duration delayOf(JourneyDefinition.Step step) {
        return Duration.parse(step.delay());
    }
}
