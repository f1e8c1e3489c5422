package io.tailor.profile.domain;

import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.PageInfo;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.Utm;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds shopper events for tests. */
public final class Events {

    private Events() {}

    public static ShopperEvent event(
            EventType type, String anonymousId, String customerId, Instant at, EventProperties properties) {
        return new ShopperEvent(
                UUID.randomUUID().toString(),
                type,
                at,
                null,
                anonymousId,
                customerId,
                "s-" + anonymousId,
                EventContext.EMPTY,
                properties);
    }

    public static ShopperEvent view(String anonymousId, String productId, String category, double price, Instant at) {
        return event(EventType.PRODUCT_VIEW, anonymousId, null, at, product(productId, category, price, null));
    }

    public static ShopperEvent addToCart(String anonymousId, String productId, double price, int quantity, Instant at) {
        return event(EventType.ADD_TO_CART, anonymousId, null, at, product(productId, "kitchen", price, quantity));
    }

    public static ShopperEvent order(
            String anonymousId, String customerId, String orderId, Instant at, OrderLine... lines) {
        return event(
                EventType.ORDER_COMPLETED,
                anonymousId,
                customerId,
                at,
                new EventProperties(
                        null,
                        null,
                        null,
                        null,
                        "GBP",
                        null,
                        null,
                        null,
                        orderId,
                        List.of(lines),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    public static ShopperEvent identify(String anonymousId, String customerId, String email, Instant at) {
        return event(
                EventType.IDENTIFY,
                anonymousId,
                customerId,
                at,
                new EventProperties(
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
                        email,
                        Map.of("accountType", "retail"),
                        null,
                        null));
    }

    public static ShopperEvent consent(String anonymousId, boolean personalization, Instant at) {
        return event(
                EventType.CONSENT_UPDATED,
                anonymousId,
                null,
                at,
                new EventProperties(
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
                        Map.of("personalization", personalization),
                        "cookie_banner"));
    }

    public static ShopperEvent landing(String anonymousId, String session, String source, String medium, Instant at) {
        EventContext context = new EventContext(
                new PageInfo("https://shop.example/", "home", null, null),
                new Utm(source, medium, "spring", null, null),
                "mobile",
                null,
                "en-GB",
                "GB",
                "Europe/London");
        return new ShopperEvent(
                UUID.randomUUID().toString(),
                EventType.PAGE_VIEW,
                at,
                null,
                anonymousId,
                null,
                session,
                context,
                EventProperties.EMPTY);
    }

    public static OrderLine line(String productId, int quantity, double price) {
        return new OrderLine(productId, quantity, BigDecimal.valueOf(price), List.of("home"), null);
    }

    public static EventProperties product(String productId, String category, double price, Integer quantity) {
        return new EventProperties(
                productId,
                List.of(category),
                null,
                BigDecimal.valueOf(price),
                "GBP",
                quantity,
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
                null);
    }
}
