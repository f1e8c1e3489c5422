package io.tailor.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventLimits;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.ShopperEventValidator;
import io.tailor.contracts.event.Violation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopperEventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final ShopperEventValidator validator =
            new ShopperEventValidator(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ShopperEvent event(EventType type, EventProperties properties) {
        return new ShopperEvent(
                "6f1c7a52-58a4-4b8e-9a57-0f5d3b0f7b11",
                type,
                NOW.minusSeconds(5),
                null,
                "anon-1",
                null,
                "s-1",
                EventContext.EMPTY,
                properties);
    }

    private static EventProperties product(String productId, BigDecimal price, Integer quantity) {
        return new EventProperties(
                productId, null, null, price, "GBP", quantity, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void acceptsAWellFormedProductView() {
        assertThat(validator.validate(event(EventType.PRODUCT_VIEW, product("p-1", new BigDecimal("2.55"), null))))
                .isEmpty();
    }

    @Test
    void namesEveryMissingField() {
        ShopperEvent empty = new ShopperEvent(null, null, null, null, null, null, null, null, null);
        assertThat(fields(validator.validate(empty))).containsExactly("eventId", "type", "occurredAt", "anonymousId");
    }

    @Test
    void aMissingEventInABatchIsNamedByItsPosition() {
        assertThat(fields(validator.validate(null, "events[1]."))).containsExactly("events[1]");
        assertThat(fields(validator.validate(null))).containsExactly("");
        ShopperEvent empty = new ShopperEvent(null, null, null, null, null, null, null, null, null);
        assertThat(fields(validator.validate(empty, "events[0].")))
                .containsExactly(
                        "events[0].eventId", "events[0].type", "events[0].occurredAt", "events[0].anonymousId");
    }

    @Test
    void refusesNegativePricesAndAbsurdQuantities() {
        List<Violation> violations =
                validator.validate(event(EventType.ADD_TO_CART, product("p-1", new BigDecimal("-1"), 0)));
        assertThat(fields(violations)).containsExactlyInAnyOrder("properties.price", "properties.quantity");
    }

    @Test
    void refusesTimestampsFarInTheFutureOrPast() {
        ShopperEvent future = event(EventType.PAGE_VIEW, null);
        future = new ShopperEvent(
                future.eventId(), future.type(), NOW.plusSeconds(3600), null, "a", null, null, null, null);
        assertThat(fields(validator.validate(future))).containsExactly("occurredAt");
        ShopperEvent old = new ShopperEvent(
                future.eventId(),
                future.type(),
                Instant.parse("2001-01-01T00:00:00Z"),
                null,
                "a",
                null,
                null,
                null,
                null);
        assertThat(fields(validator.validate(old))).containsExactly("occurredAt");
    }

    @Test
    void checksEachOrderLineByIndex() {
        EventProperties order = new EventProperties(
                null,
                null,
                null,
                null,
                "GBP",
                null,
                null,
                null,
                "o-1",
                List.of(
                        new OrderLine("p-1", 2, new BigDecimal("3.00"), null, null),
                        new OrderLine(null, -4, new BigDecimal("1"), null, null)),
                new BigDecimal("7.00"),
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(fields(validator.validate(event(EventType.ORDER_COMPLETED, order))))
                .containsExactlyInAnyOrder("properties.lines[1].productId", "properties.lines[1].quantity");
    }

    @Test
    void refusesUnknownConsentPurposes() {
        EventProperties consent = new EventProperties(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("personalization", true, "selling_my_soul", true),
                "banner");
        assertThat(fields(validator.validate(event(EventType.CONSENT_UPDATED, consent))))
                .containsExactly("properties.consent.selling_my_soul");
    }

    @Test
    void prefixesFieldsOfBatchItems() {
        ShopperEvent noProduct = event(EventType.PRODUCT_VIEW, null);
        assertThat(fields(validator.validate(noProduct, "events[3].")))
                .containsExactly("events[3].properties.productId");
    }

    @Test
    void unknownEventTypeNamesTheAcceptedOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventType.fromWireName("teleport"))
                .hasMessageContaining("unknown event type 'teleport'")
                .hasMessageContaining("product_view");
    }
}
