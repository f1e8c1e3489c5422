package io.tailor.gateway.service;

import io.tailor.contracts.decision.OfferDecisionRequest;
import io.tailor.contracts.decision.PlacementRequest;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Violation;
import io.tailor.gateway.api.DecideRequest;
import io.tailor.gateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a decide request must meet; every violation names its field. */
public final class DecideRequestValidator {

    private static final Pattern ID = Pattern.compile("[\\p{Alnum}._:@+\\-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    private static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet", "other");
    private static final int MAX_LIMIT = 50;

    private final GatewayConfig.Decide limits;

    public DecideRequestValidator(GatewayConfig.Decide limits) {
        this.limits = limits;
    }

    public List<Violation> validate(DecideRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("", "a JSON body is required"));
            return violations;
        }
        boolean noAnonymous =
                request.anonymousId() == null || request.anonymousId().isBlank();
        boolean noCustomer =
                request.customerId() == null || request.customerId().isBlank();
        if (noAnonymous && noCustomer) {
            violations.add(new Violation("anonymousId", "an anonymousId or a customerId is required"));
        }
        id(violations, "anonymousId", request.anonymousId());
        id(violations, "customerId", request.customerId());
        List<PlacementRequest> placements = request.placements() == null ? List.of() : request.placements();
        if (placements.size() > limits.maxPlacements()) {
            violations.add(new Violation("placements", "at most " + limits.maxPlacements() + " placements"));
        }
        for (int i = 0; i < placements.size() && i < limits.maxPlacements(); i++) {
            PlacementRequest p = placements.get(i);
            String field = "placements[" + i + "]";
            if (p == null
                    || p.placement() == null
                    || !KEY.matcher(p.placement()).matches()) {
                violations.add(
                        new Violation(field + ".placement", "a placement key: lower-case letters, digits, _ or -"));
            }
            if (p != null && p.limit() != null && (p.limit() < 1 || p.limit() > MAX_LIMIT)) {
                violations.add(new Violation(field + ".limit", "must be between 1 and " + MAX_LIMIT));
            }
        }
        List<String> slots = request.slots() == null ? List.of() : request.slots();
        if (slots.size() > limits.maxSlots()) {
            violations.add(new Violation("slots", "at most " + limits.maxSlots() + " slots"));
        }
        for (int i = 0; i < slots.size() && i < limits.maxSlots(); i++) {
            if (slots.get(i) == null || !KEY.matcher(slots.get(i)).matches()) {
                violations.add(new Violation("slots[" + i + "]", "a slot key: lower-case letters, digits, _ or -"));
            }
        }
        if (request.offers() != null) {
            violations.addAll(OfferDecisionRequest.violations(request.offers().products(), "offers.products"));
        }
        context(violations, request.context());
        return violations;
    }

    private static void context(List<Violation> violations, RequestContext c) {
        if (c == null) {
            return;
        }
        text(violations, "context.pageType", c.pageType(), 32);
        text(violations, "context.url", c.url(), 2048);
        text(violations, "context.referrer", c.referrer(), 2048);
        id(violations, "context.productId", c.productId());
        text(violations, "context.query", c.query(), 256);
        text(violations, "context.locale", c.locale(), 35);
        if (c.device() != null && !DEVICES.contains(c.device())) {
            violations.add(new Violation("context.device", "must be one of desktop, mobile, other, tablet"));
        }
        if (c.country() != null && !c.country().matches("[A-Z]{2}")) {
            violations.add(new Violation("context.country", "must be an ISO 3166-1 alpha-2 code such as GB"));
        }
        if (c.categoryPath() != null) {
            if (c.categoryPath().size() > 10) {
                violations.add(new Violation("context.categoryPath", "may have at most 10 levels"));
            }
            for (int i = 0; i < c.categoryPath().size() && i < 10; i++) {
                text(
                        violations,
                        "context.categoryPath[" + i + "]",
                        c.categoryPath().get(i),
                        256);
            }
        }
        if (c.cartProductIds() != null) {
            if (c.cartProductIds().size() > 200) {
                violations.add(new Violation("context.cartProductIds", "may have at most 200 products"));
            }
            for (int i = 0; i < c.cartProductIds().size() && i < 200; i++) {
                id(
                        violations,
                        "context.cartProductIds[" + i + "]",
                        c.cartProductIds().get(i));
            }
        }
        if (c.utm() != null) {
            text(violations, "context.utm.source", c.utm().source(), 256);
            text(violations, "context.utm.medium", c.utm().medium(), 256);
            text(violations, "context.utm.campaign", c.utm().campaign(), 256);
            text(violations, "context.utm.content", c.utm().content(), 256);
            text(violations, "context.utm.term", c.utm().term(), 256);
        }
    }

    private static void id(List<Violation> violations, String field, String value) {
        if (value != null && !value.isBlank() && !ID.matcher(value).matches()) {
            violations.add(new Violation(field, "must be 1-128 letters, digits or ._:@+-"));
        }
    }

    private static void text(List<Violation> violations, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            violations.add(new Violation(field, "may be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation(field, "must not contain control characters"));
        }
    }
}
