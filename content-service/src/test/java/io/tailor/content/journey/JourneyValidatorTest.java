package io.tailor.content.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.event.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JourneyValidatorTest {

    private static final Set<String> TEMPLATES = Set.of("cart-recovery", "welcome");

    private static JourneyDefinition journey(
            JourneyDefinition.Trigger trigger, List<String> exitOn, List<JourneyDefinition.Step> steps, String then) {
        return new JourneyDefinition("Cart recovery", null, trigger, null, exitOn, null, steps, then, null, true);
    }

    private static JourneyDefinition.Step step(String delay, String template) {
        return new JourneyDefinition.Step(delay, template, null, null);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aCompleteJourneyIsValid() {
        JourneyDefinition cart = journey(
                new JourneyDefinition.Trigger("add_to_cart", null),
                List.of("order_completed"),
                List.of(step("PT30M", "cart-recovery"), step("P1D", "cart-recovery")),
                null);
        assertThat(JourneyValidator.validate("cart", cart, TEMPLATES, Map.of())).isEmpty();
    }

    @Test
    void namesEveryWrongField() {
        JourneyDefinition broken = new JourneyDefinition(
                "",
                null,
                new JourneyDefinition.Trigger("add_to_basket", null),
                null,
                List.of("order_placed"),
                true,
                List.of(step("-PT5M", "cart-recovery"), step("30 minutes", "nope"), step(null, null)),
                null,
                null,
                true);
        List<Violation> violations = JourneyValidator.validate("Cart!", broken, TEMPLATES, Map.of());
        assertThat(fields(violations))
                .containsExactlyInAnyOrder(
                        "key",
                        "name",
                        "trigger.event",
                        "exitOn[0]",
                        "exitOnSegmentExit",
                        "steps[0].delay",
                        "steps[1].delay",
                        "steps[1].template",
                        "steps[2].delay",
                        "steps[2].template");
        assertThat(violations)
                .filteredOn(v -> v.field().equals("steps[0].delay"))
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("must not be negative");
        assertThat(violations)
                .filteredOn(v -> v.field().equals("steps[1].template"))
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("no template 'nope'");
    }

    @Test
    void aTriggerIsOneEventOrOneSegment() {
        assertThat(fields(JourneyValidator.validate(
                        "j", journey(null, null, List.of(step("PT0S", "welcome")), null), TEMPLATES, Map.of())))
                .containsExactly("trigger");
        assertThat(fields(JourneyValidator.validate(
                        "j",
                        journey(
                                new JourneyDefinition.Trigger("identify", "replenishment-due"),
                                null,
                                List.of(step("PT0S", "welcome")),
                                null),
                        TEMPLATES,
                        Map.of())))
                .containsExactly("trigger");
    }

    @Test
    void theTriggerEventCannotAlsoEndTheJourney() {
        List<Violation> violations = JourneyValidator.validate(
                "j",
                journey(
                        new JourneyDefinition.Trigger("product_view", null),
                        List.of("add_to_cart", "product_view"),
                        List.of(step("PT1H", "welcome")),
                        null),
                TEMPLATES,
                Map.of());
        assertThat(fields(violations)).containsExactly("exitOn[1]");
    }

    @Test
    void refusesEmptyAndOverlongStepLists() {
        assertThat(fields(JourneyValidator.validate(
                        "j",
                        journey(new JourneyDefinition.Trigger("identify", null), null, List.of(), null),
                        TEMPLATES,
                        Map.of())))
                .containsExactly("steps");
        List<JourneyDefinition.Step> eleven = java.util.Collections.nCopies(11, step("PT1H", "welcome"));
        assertThat(fields(JourneyValidator.validate(
                        "j",
                        journey(new JourneyDefinition.Trigger("identify", null), null, eleven, null),
                        TEMPLATES,
                        Map.of())))
                .containsExactly("steps");
        assertThat(fields(JourneyValidator.validate(
                        "j",
                        journey(
                                new JourneyDefinition.Trigger("identify", null),
                                null,
                                List.of(step("P400D", "welcome")),
                                null),
                        TEMPLATES,
                        Map.of())))
                .containsExactly("steps[0].delay");
    }

    @Test
    void refusesHandOffsThatLoopOrGoNowhere() {
        JourneyDefinition.Trigger trigger = new JourneyDefinition.Trigger("order_completed", null);
        List<JourneyDefinition.Step> steps = List.of(step("P3D", "welcome"));
        // a → b → c stored; saving c with then = a closes the loop
        Map<String, String> stored = new HashMap<>();
        stored.put("a", "b");
        stored.put("b", "c");
        List<Violation> loop = JourneyValidator.validate("c", journey(trigger, null, steps, "a"), TEMPLATES, stored);
        assertThat(loop).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("then");
            assertThat(v.message()).isEqualTo("journeys would loop: c → a → b → c");
        });
        assertThat(JourneyValidator.validate("a", journey(trigger, null, steps, "a"), TEMPLATES, Map.of()))
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("journeys would loop: a → a");
        assertThat(JourneyValidator.validate("d", journey(trigger, null, steps, "zzz"), TEMPLATES, stored))
                .singleElement()
                .extracting(Violation::message)
                .isEqualTo("no journey 'zzz'");
        // a chain without a loop is fine
        assertThat(JourneyValidator.validate("d", journey(trigger, null, steps, "a"), TEMPLATES, stored))
                .isEmpty();
    }
}
