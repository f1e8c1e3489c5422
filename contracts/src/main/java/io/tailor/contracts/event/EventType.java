package io.tailor.contracts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of shopper event Tailor accepts; the wire name is lower snake case. */
public enum EventType {
    PAGE_VIEW,
    PRODUCT_VIEW,
    CATEGORY_VIEW,
    SEARCH,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    CHECKOUT_STARTED,
    ORDER_COMPLETED,
    EMAIL_OPENED,
    EMAIL_CLICKED,
    IDENTIFY,
    CONSENT_UPDATED;

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; an unknown name is an {@link IllegalArgumentException} naming the accepted ones. */
    @JsonCreator
    public static EventType fromWireName(String wireName) {
        EventType type = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException(
                    "unknown event type '" + wireName + "'; accepted: " + String.join(", ", wireNames()));
        }
        return type;
    }

    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }

    /** Whether the event signals a shopper actively browsing (counts toward sessions and last seen). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isBrowsing() {
        return switch (this) {
            case PAGE_VIEW, PRODUCT_VIEW, CATEGORY_VIEW, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_STARTED ->
                true;
            default -> false;
        };
    }
}
