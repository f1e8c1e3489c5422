package io.tailor.contracts.event;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a shopper event must meet, shared by the gateway (which refuses bad events with 400) and the
 * consumers (which dead-letter anything that got through another way). Returns every violation, not only the
 * first, each naming its field.
 */
public final class ShopperEventValidator {

    /** The consent purposes Tailor knows. */
    public static final Set<String> CONSENT_PURPOSES = Set.of("personalization", "analytics", "marketing_email");

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ID_PATTERN = Pattern.compile("[\\p{Alnum}._:@+\\-]{1,128}");
    private static final Pattern CURRENCY_PATTERN = Pattern.compile("[A-Z]{3}");
    private static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet", "other");
    private static final int MAX_TEXT = 256;
    private static final int MAX_URL = 2048;
    private static final int MAX_CATEGORY_DEPTH = 10;

    private final EventLimits limits;
    private final Clock clock;

    public ShopperEventValidator(EventLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public ShopperEventValidator() {
        this(EventLimits.DEFAULT, Clock.systemUTC());
    }

    /** Every violation of {@code event}; empty when it is valid. */
    public List<Violation> validate(ShopperEvent event) {
        return validate(event, "");
    }

    /** As {@link #validate(ShopperEvent)}, with field paths under {@code prefix} (e.g. {@code events[3].}). */
    public List<Violation> validate(ShopperEvent event, String prefix) {
        Check check = new Check(prefix);
        if (event == null) {
            check.add("", "an event is required");
            return check.violations;
        }
        if (event.eventId() == null) {
            check.add("eventId", "is required");
        } else if (!UUID_PATTERN.matcher(event.eventId()).matches()) {
            check.add("eventId", "must be a UUID");
        }
        if (event.type() == null) {
            check.add("type", "is required; accepted: " + String.join(", ", EventType.wireNames()));
        }
        checkTime(check, event.occurredAt());
        boolean hasAnonymous = event.anonymousId() != null;
        boolean hasCustomer = event.customerId() != null;
        if (!hasAnonymous && !hasCustomer) {
            check.add("anonymousId", "an anonymousId or a customerId is required");
        }
        check.id("anonymousId", event.anonymousId());
        check.id("customerId", event.customerId());
        check.id("sessionId", event.sessionId());
        checkContext(check, event.contextOrEmpty());
        if (event.type() != null) {
            checkProperties(check, event.type(), event.propertiesOrEmpty(), hasCustomer);
        }
        return check.violations;
    }

    private void checkTime(Check check, Instant occurredAt) {
        if (occurredAt == null) {
            check.add("occurredAt", "is required (ISO-8601, e.g. 2026-11-25T10:15:30Z)");
            return;
        }
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(limits.maxFutureSkew()))) {
            check.add("occurredAt", "is more than " + limits.maxFutureSkew().toMinutes() + " minutes in the future");
        } else if (occurredAt.isBefore(now.minus(limits.maxAge()))) {
            check.add("occurredAt", "is more than " + limits.maxAge().toDays() + " days in the past");
        }
    }

    private void checkContext(Check check, EventContext context) {
        if (context.page() != null) {
            check.text("context.page.url", context.page().url(), MAX_URL);
            check.text("context.page.type", context.page().type(), 32);
            check.text("context.page.referrer", context.page().referrer(), MAX_URL);
            check.text("context.page.title", context.page().title(), MAX_TEXT);
        }
        if (context.utm() != null) {
            check.text("context.utm.source", context.utm().source(), MAX_TEXT);
            check.text("context.utm.medium", context.utm().medium(), MAX_TEXT);
            check.text("context.utm.campaign", context.utm().campaign(), MAX_TEXT);
            check.text("context.utm.content", context.utm().content(), MAX_TEXT);
            check.text("context.utm.term", context.utm().term(), MAX_TEXT);
        }
        if (context.device() != null && !DEVICES.contains(context.device())) {
            check.add(
                    "context.device",
                    "must be one of "
                            + String.join(", ", DEVICES.stream().sorted().toList()));
        }
        check.text("context.userAgent", context.userAgent(), 512);
        check.text("context.locale", context.locale(), 35);
        if (context.country() != null && !context.country().matches("[A-Z]{2}")) {
            check.add("context.country", "must be an ISO 3166-1 alpha-2 code such as GB");
        }
        if (context.timeZone() != null) {
            try {
                java.time.ZoneId.of(context.timeZone());
            } catch (java.time.DateTimeException e) {
                check.add("context.timeZone", "must be an IANA time zone such as Europe/London");
            }
        }
    }

    private void checkProperties(Check check, EventType type, EventProperties p, boolean hasCustomer) {
        check.id("properties.productId", p.productId());
        checkCategoryPath(check, "properties.categoryPath", p.categoryPath());
        check.text("properties.brand", p.brand(), MAX_TEXT);
        check.money("properties.price", p.price());
        check.money("properties.total", p.total());
        if (p.currency() != null && !CURRENCY_PATTERN.matcher(p.currency()).matches()) {
            check.add("properties.currency", "must be an ISO 4217 code such as GBP");
        }
        if (p.quantity() != null && (p.quantity() < 1 || p.quantity() > limits.maxQuantity())) {
            check.add("properties.quantity", "must be between 1 and " + limits.maxQuantity());
        }
        check.text("properties.query", p.query(), MAX_TEXT);
        if (p.resultCount() != null && p.resultCount() < 0) {
            check.add("properties.resultCount", "must not be negative");
        }
        check.id("properties.orderId", p.orderId());
        check.id("properties.messageId", p.messageId());
        check.text("properties.campaign", p.campaign(), MAX_TEXT);
        checkLines(check, p.lines());
        checkTraits(check, p.traits());
        if (p.email() != null && (p.email().length() > 254 || !p.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            check.add("properties.email", "must be an e-mail address");
        }

        switch (type) {
            case PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART -> check.required("properties.productId", p.productId());
            case CATEGORY_VIEW -> {
                if (p.categoryPath() == null || p.categoryPath().isEmpty()) {
                    check.add("properties.categoryPath", "is required for category_view");
                }
            }
            case SEARCH -> check.required("properties.query", p.query());
            case ORDER_COMPLETED -> {
                check.required("properties.orderId", p.orderId());
                if (p.lines() == null || p.lines().isEmpty()) {
                    check.add("properties.lines", "an order needs at least one line");
                }
            }
            case EMAIL_OPENED, EMAIL_CLICKED -> {
                if (p.messageId() == null && p.campaign() == null) {
                    check.add("properties.messageId", "a messageId or a campaign is required for e-mail events");
                }
            }
            case IDENTIFY -> {
                if (!hasCustomer
                        && p.email() == null
                        && (p.traits() == null || p.traits().isEmpty())) {
                    check.add("customerId", "identify needs a customerId, properties.email or properties.traits");
                }
            }
            case CONSENT_UPDATED -> checkConsent(check, p.consent());
            default -> {}
        }
    }

    private void checkCategoryPath(Check check, String field, List<String> path) {
        if (path == null) {
            return;
        }
        if (path.size() > MAX_CATEGORY_DEPTH) {
            check.add(field, "may have at most " + MAX_CATEGORY_DEPTH + " levels");
        }
        for (int i = 0; i < path.size(); i++) {
            String level = path.get(i);
            if (level == null || level.isBlank()) {
                check.add(field + "[" + i + "]", "must not be blank");
            } else {
                check.text(field + "[" + i + "]", level, MAX_TEXT);
            }
        }
    }

    private void checkLines(Check check, List<OrderLine> lines) {
        if (lines == null) {
            return;
        }
        if (lines.size() > limits.maxLines()) {
            check.add("properties.lines", "may have at most " + limits.maxLines() + " lines");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String field = "properties.lines[" + i + "]";
            OrderLine line = lines.get(i);
            if (line == null) {
                check.add(field, "must not be null");
                continue;
            }
            check.required(field + ".productId", line.productId());
            check.id(field + ".productId", line.productId());
            if (line.quantity() == null) {
                check.add(field + ".quantity", "is required");
            } else if (line.quantity() < 1 || line.quantity() > limits.maxQuantity()) {
                check.add(field + ".quantity", "must be between 1 and " + limits.maxQuantity());
            }
            check.money(field + ".price", line.price());
            checkCategoryPath(check, field + ".categoryPath", line.categoryPath());
            check.text(field + ".brand", line.brand(), MAX_TEXT);
        }
    }

    private void checkTraits(Check check, Map<String, String> traits) {
        if (traits == null) {
            return;
        }
        if (traits.size() > limits.maxTraits()) {
            check.add("properties.traits", "may have at most " + limits.maxTraits() + " entries");
            return;
        }
        traits.forEach((key, value) -> {
            if (key == null || !key.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                check.add("properties.traits", "trait names are letters, digits and _ (max 64): '" + key + "'");
            } else {
                check.text("properties.traits." + key, value, MAX_TEXT);
            }
        });
    }

    private void checkConsent(Check check, Map<String, Boolean> consent) {
        if (consent == null || consent.isEmpty()) {
            check.add("properties.consent", "consent_updated needs at least one purpose");
            return;
        }
        consent.forEach((purpose, granted) -> {
            if (!CONSENT_PURPOSES.contains(purpose)) {
                check.add(
                        "properties.consent." + purpose,
                        "unknown purpose; accepted: "
                                + String.join(
                                        ", ", CONSENT_PURPOSES.stream().sorted().toList()));
            } else if (granted == null) {
                check.add("properties.consent." + purpose, "must be true or false");
            }
        });
    }

    /** Collects violations with a common field prefix. */
    private final class Check {
        private final String prefix;
        private final List<Violation> violations = new ArrayList<>();

        Check(String prefix) {
            this.prefix = prefix;
        }

        void add(String field, String message) {
            // the event itself (no field): "events[3]", not "events[3]."
            String path =
                    field.isEmpty() && prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix + field;
            violations.add(new Violation(path, message));
        }

        void required(String field, String value) {
            if (value == null || value.isBlank()) {
                add(field, "is required");
            }
        }

        void id(String field, String value) {
            if (value != null && !ID_PATTERN.matcher(value).matches()) {
                add(field, "must be 1-128 letters, digits or ._:@+-");
            }
        }

        void text(String field, String value, int max) {
            if (value == null) {
                return;
            }
            if (value.length() > max) {
                add(field, "may be at most " + max + " characters");
            } else if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
                add(field, "must not contain control characters");
            }
        }

        void money(String field, BigDecimal value) {
            if (value == null) {
                return;
            }
            if (value.signum() < 0) {
                add(field, "must not be negative");
            } else if (value.doubleValue() > limits.maxPrice()) {
                add(field, "must be at most " + (long) limits.maxPrice());
            }
        }
    }
}
