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
    void shopperKeyPrefersTheAnonymousId() {
        assertThat(ShopperKeys.of("anon-1", "c-9")).isEqualTo("a:anon-1");
        assertThat(ShopperKeys.of(null, "c-9")).isEqualTo("c:c-9");
    }
}
