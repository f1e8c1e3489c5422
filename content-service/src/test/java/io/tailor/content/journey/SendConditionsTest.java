package io.tailor.content.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendConditionsTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    private static MessageDispatcher.Shopper shopper(int cartItems, Instant lastOrder) {
        return new MessageDispatcher.Shopper("c-1", true, cartItems, lastOrder, "a@b.c", null, null, false, 0);
    }

    @Test
    void cartConditions() {
        assertThat(MessageDispatcher.unmet(JourneyDefinition.Condition.CART_NOT_EMPTY, shopper(2, null), STARTED))
                .isEmpty();
        assertThat(MessageDispatcher.unmet(JourneyDefinition.Condition.CART_NOT_EMPTY, shopper(0, null), STARTED))
                .contains("cart is empty");
        assertThat(MessageDispatcher.unmet(JourneyDefinition.Condition.CART_EMPTY, shopper(1, null), STARTED))
                .contains("cart is not empty");
        assertThat(MessageDispatcher.unmet(null, shopper(0, null), STARTED)).isEmpty();
    }

    @Test
    void noOrderSinceEnrolment() {
        JourneyDefinition.Condition noOrder = JourneyDefinition.Condition.NO_ORDER_SINCE_ENROLMENT;
        assertThat(MessageDispatcher.unmet(noOrder, shopper(0, STARTED.minusSeconds(60)), STARTED))
                .isEmpty();
        assertThat(MessageDispatcher.unmet(noOrder, shopper(0, STARTED.plusSeconds(60)), STARTED))
                .contains("ordered since the journey started");
    }

    @Test
    void theTriggeringProductsFollowWhatTriggered() {
        Map<String, Object> context = Map.of(
                "trigger", "order_completed",
                "cart", List.of("c1"),
                "viewed", List.of("v1", "v2"),
                "ordered", List.of("o1"));
        assertThat(JourneyEngine.triggeringProducts(context)).containsExactly("o1");
        assertThat(JourneyEngine.triggeringProducts(
                        Map.of("trigger", "product_view", "cart", List.of("c1"), "viewed", List.of("v1", "v2"))))
                .containsExactly("v1", "v2");
        assertThat(JourneyEngine.triggeringProducts(
                        Map.of("trigger", "add_to_cart", "cart", List.of(), "viewed", List.of("v1"))))
                .containsExactly("v1");
        assertThat(JourneyEngine.triggeringProducts(Map.of("trigger", "segment:replenishment-due")))
                .isEmpty();
    }
}
