package io.tailor.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import org.junit.jupiter.api.Test;

class TailorJsonTest {

    private final ObjectMapper mapper = TailorJson.mapper();

    @Test
    void readsTheDocumentedEventShape() throws Exception {
        String json =
                """
                {"eventId":"6f1c7a52-58a4-4b8e-9a57-0f5d3b0f7b11","type":"add_to_cart",
                 "occurredAt":"2026-11-25T09:59:00Z","anonymousId":"anon-1","sessionId":"s-1",
                 "context":{"page":{"type":"product","url":"https://shop.example/p/1"},
                            "utm":{"source":"facebook","medium":"paid_social"},"device":"mobile"},
                 "properties":{"productId":"p-1","price":2.55,"currency":"GBP","quantity":2},
                 "somethingNew":"ignored"}
                """;
        ShopperEvent event = mapper.readValue(json, ShopperEvent.class);
        assertThat(event.type()).isEqualTo(EventType.ADD_TO_CART);
        assertThat(event.contextOrEmpty().utm().medium()).isEqualTo("paid_social");
        assertThat(event.propertiesOrEmpty().quantity()).isEqualTo(2);

        String written = mapper.writeValueAsString(event);
        assertThat(written).contains("\"type\":\"add_to_cart\"").contains("\"occurredAt\":\"2026-11-25T09:59:00Z\"");
        assertThat(written).doesNotContain("customerId");
        assertThat(mapper.readValue(written, ShopperEvent.class)).isEqualTo(event);
    }

    @Test
    void writtenMessagesReadBackUnderAStrictReader() throws Exception {
        ObjectMapper strict = TailorJson.mapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        var event = new ShopperEvent(
                "6f1c7a52-58a4-4b8e-9a57-0f5d3b0f7b11",
                EventType.PAGE_VIEW,
                java.time.Instant.parse("2026-11-25T09:59:00Z"),
                null,
                "a-1",
                null,
                "s-1",
                new io.tailor.contracts.event.EventContext(
                        null,
                        new io.tailor.contracts.event.Utm("facebook", "paid_social", null, null, null),
                        "mobile",
                        null,
                        null,
                        null,
                        null),
                null);
        assertThat(strict.readValue(mapper.writeValueAsString(event), ShopperEvent.class))
                .isEqualTo(event);
        var request = new io.tailor.contracts.decision.SegmentLookupRequest(
                new io.tailor.contracts.decision.ShopperRef("a-1", null),
                io.tailor.contracts.decision.RequestContext.EMPTY);
        assertThat(strict.readValue(
                        mapper.writeValueAsString(request), io.tailor.contracts.decision.SegmentLookupRequest.class))
                .isEqualTo(request);
        var cart = io.tailor.contracts.profile.CartState.EMPTY;
        assertThat(mapper.writeValueAsString(cart)).doesNotContain("empty");
    }

    @Test
    void shopperKeyPrefersTheAnonymousId() {
        assertThat(ShopperKeys.of("anon-1", "c-9")).isEqualTo("a:anon-1");
        assertThat(ShopperKeys.of(null, "c-9")).isEqualTo("c:c-9");
    }
}
