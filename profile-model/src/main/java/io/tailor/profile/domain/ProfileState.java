package io.tailor.profile.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.contracts.profile.Touch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything a profile has learnt from events, as plain Java: applying an event, folding in a merged profile, and
 * producing the published {@link ProfileSnapshot}. Applying is order-tolerant: timestamps decide what is latest,
 * repeated orders are recognised by order id, and counts never go negative. Stored as JSON in the profile row.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ProfileState {

    /** The most lines a cart may hold; an addition beyond is rejected (dead-lettered). */
    public static final int MAX_CART_LINES = 200;

    private static final int MAX_LINE_QUANTITY = 10_000;
    private static final int RECENT_SESSIONS = 20;
    private static final int RECENT_ORDERS = 50;
    private static final double VIEW_WEIGHT = 1;
    private static final double CATEGORY_VIEW_WEIGHT = 0.5;
    private static final double CART_WEIGHT = 3;
    private static final double PURCHASE_WEIGHT = 5;

    private Map<String, String> traits = new LinkedHashMap<>();
    private ConsentState consent = ConsentState.UNKNOWN;
    private Instant firstSeen;
    private Instant lastSeen;
    private int sessions;
    private int pageViews;
    private int productViews;
    private int searches;
    private int cartAdds;
    private int orders;
    private int emailClicks;
    private BigDecimal totalSpend = BigDecimal.ZERO;
    private Instant firstOrderAt;
    private Instant lastOrderAt;
    private List<RecentView> recentlyViewed = new ArrayList<>();
    private List<OrderLine> cartLines = new ArrayList<>();
    private Instant cartUpdatedAt;
    private DecayingScores categories = new DecayingScores();
    private DecayingScores brands = new DecayingScores();
    private DecayingScores priceBands = new DecayingScores();
    private Map<String, Purchase> purchases = new LinkedHashMap<>();
    private Touch firstTouch;
    private Touch latestTouch;
    private String device;
    private String country;
    private String locale;
    private String timeZone;
    private Instant contextAt;
    private List<String> recentSessions = new ArrayList<>();
    private List<String> recentOrderIds = new ArrayList<>();

    /** How one product is bought; {@code intervalSum} over {@code orders - 1} intervals gives the mean. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Purchase {
        int orders;
        int units;
        Instant first;
        Instant last;
    }

    /**
     * Applies one event. Returns false when it changed nothing (e.g. an order already counted).
     *
     * @throws RejectedEvent when the event cannot apply to this profile; nothing was changed
     */
    public boolean apply(ShopperEvent event, ProfilePolicy policy) {
        Instant at = event.occurredAt();
        EventProperties p = event.propertiesOrEmpty();
        if (event.type() == EventType.ADD_TO_CART) {
            checkCartRoom(p);
        }
        if (event.type() == EventType.ORDER_COMPLETED && p.orderId() != null && recentOrderIds.contains(p.orderId())) {
            return false;
        }
        if (event.type() == EventType.CONSENT_UPDATED) {
            applyConsent(p, at, policy);
        }
        boolean personalize = consent.allowsPersonalization(policy.personalizationByDefault());
        boolean analytics = !Boolean.FALSE.equals(consent.analytics());

        boolean newSession = countSession(event, policy);
        firstSeen = min(firstSeen, at);
        lastSeen = max(lastSeen, at);
        applyContext(event.contextOrEmpty(), at);
        if (newSession && personalize) {
            applyTouch(event.contextOrEmpty(), at);
        }

        switch (event.type()) {
            case PAGE_VIEW -> pageViews += analytics ? 1 : 0;
            case PRODUCT_VIEW -> {
                pageViews += analytics ? 1 : 0;
                productViews += analytics ? 1 : 0;
                if (personalize) {
                    addView(p.productId(), at, policy.recentlyViewedLimit());
                    addInterest(p.categoryPath(), p.brand(), p.price(), VIEW_WEIGHT, at, policy.affinityHalfLife());
                }
            }
            case CATEGORY_VIEW -> {
                pageViews += analytics ? 1 : 0;
                if (personalize) {
                    addInterest(p.categoryPath(), null, null, CATEGORY_VIEW_WEIGHT, at, policy.affinityHalfLife());
                }
            }
            case SEARCH -> searches += analytics ? 1 : 0;
            case ADD_TO_CART -> {
                cartAdds += analytics ? 1 : 0;
                addToCart(p, at);
                if (personalize) {
                    addInterest(p.categoryPath(), p.brand(), p.price(), CART_WEIGHT, at, policy.affinityHalfLife());
                }
            }
            case REMOVE_FROM_CART -> removeFromCart(p, at);
            case CHECKOUT_STARTED -> {
                if (p.lines() != null && !p.lines().isEmpty() && !isBefore(at, cartUpdatedAt)) {
                    cartLines = new ArrayList<>(p.lines());
                    cartUpdatedAt = at;
                }
            }
            case ORDER_COMPLETED -> applyOrder(p, at, policy, personalize);
            case EMAIL_CLICKED -> emailClicks += analytics ? 1 : 0;
            case IDENTIFY -> {
                if (p.traits() != null) {
                    p.traits().forEach((name, value) -> {
                        if (value != null) {
                            traits.put(name, value);
                        }
                    });
                }
            }
            default -> {}
        }
        if (!personalize) {
            forgetBehaviour();
        }
        return true;
    }

    private void applyConsent(EventProperties p, Instant at, ProfilePolicy policy) {
        if (p.consent() == null || isBefore(at, consent.updatedAt())) {
            return;
        }
        Map<String, Boolean> c = p.consent();
        consent = new ConsentState(
                c.getOrDefault("personalization", consent.personalization()),
                c.getOrDefault("analytics", consent.analytics()),
                c.getOrDefault("marketing_email", consent.marketingEmail()),
                at);
    }

    /** Sets a consent state decided elsewhere (the consent API). */
    public void setConsent(ConsentState newConsent, ProfilePolicy policy) {
        consent = newConsent;
        if (!consent.allowsPersonalization(policy.personalizationByDefault())) {
            forgetBehaviour();
        }
    }

    /** Without personalization consent a profile keeps no behavioural detail (docs/privacy.md). */
    private void forgetBehaviour() {
        recentlyViewed.clear();
        categories.clear();
        brands.clear();
        priceBands.clear();
        purchases.clear();
        cartLines.clear();
        firstTouch = null;
        latestTouch = null;
    }

    private boolean countSession(ShopperEvent event, ProfilePolicy policy) {
        String session = event.sessionId();
        if (session != null) {
            if (recentSessions.contains(session)) {
                return false;
            }
            recentSessions.add(session);
            if (recentSessions.size() > RECENT_SESSIONS) {
                recentSessions.removeFirst();
            }
            sessions++;
            return true;
        }
        if (!event.type().isBrowsing()) {
            return false;
        }
        boolean isNew = lastSeen == null
                || Duration.between(lastSeen, event.occurredAt()).compareTo(policy.sessionTimeout()) > 0;
        if (isNew) {
            sessions++;
        }
        return isNew;
    }

    private void applyContext(EventContext context, Instant at) {
        if (isBefore(at, contextAt)) {
            return;
        }
        contextAt = at;
        device = orElse(context.device(), device);
        country = orElse(context.country(), country);
        locale = orElse(context.locale(), locale);
        timeZone = orElse(context.timeZone(), timeZone);
    }

    private void applyTouch(EventContext context, Instant at) {
        Touch touch = touchOf(context, at);
        if (touch == null) {
            return;
        }
        if (firstTouch == null || touch.at().isBefore(firstTouch.at())) {
            firstTouch = touch;
        }
        boolean direct = "direct".equals(touch.source());
        boolean keepCampaign = direct && latestTouch != null && !"direct".equals(latestTouch.source());
        if (!keepCampaign && (latestTouch == null || !touch.at().isBefore(latestTouch.at()))) {
            latestTouch = touch;
        }
    }

    /**
     * The visit's source: its utm parameters, else the referrer's host, else direct. The latest touch is the last
     * non-direct one (a direct return visit does not erase the campaign that brought the shopper).
     */
    static Touch touchOf(EventContext context, Instant at) {
        Utm utm = context.utm();
        if (utm != null && !utm.isEmpty()) {
            return new Touch(utm.source(), utm.medium(), utm.campaign(), at);
        }
        String referrer = context.page() == null ? null : context.page().referrer();
        if (referrer != null && !referrer.isBlank()) {
            try {
                String host = URI.create(referrer).getHost();
                if (host != null) {
                    return new Touch(host.startsWith("www.") ? host.substring(4) : host, "referral", null, at);
                }
            } catch (IllegalArgumentException e) {
                // an unreadable referrer counts as direct
            }
        }
        return new Touch("direct", "none", null, at);
    }

    private void addView(String productId, Instant at, int limit) {
        if (productId == null) {
            return;
        }
        RecentView existing = recentlyViewed.stream()
                .filter(v -> v.productId().equals(productId))
                .findFirst()
                .orElse(null);
        if (existing != null) {
            if (!at.isAfter(existing.at())) {
                return;
            }
            recentlyViewed.remove(existing);
        }
        recentlyViewed.add(new RecentView(productId, at));
        recentlyViewed.sort(Comparator.comparing(RecentView::at).reversed());
        while (recentlyViewed.size() > limit) {
            recentlyViewed.removeLast();
        }
    }

    private void addInterest(
            List<String> categoryPath, String brand, BigDecimal price, double weight, Instant at, Duration halfLife) {
        if (categoryPath != null && !categoryPath.isEmpty()) {
            categories.add(categoryPath.getFirst(), weight, at, halfLife);
        }
        brands.add(brand, weight, at, halfLife);
        priceBands.add(PriceBand.of(price), weight, at, halfLife);
    }

    private void checkCartRoom(EventProperties p) {
        OrderLine current = cartLine(p.productId());
        if (current == null && cartLines.size() >= MAX_CART_LINES) {
            throw new RejectedEvent("oversized cart: it already has " + MAX_CART_LINES + " lines");
        }
        int quantity = p.quantity() == null ? 1 : p.quantity();
        if (current != null && current.quantity() + quantity > MAX_LINE_QUANTITY) {
            throw new RejectedEvent("oversized cart: more than " + MAX_LINE_QUANTITY + " units of " + p.productId());
        }
    }

    private void addToCart(EventProperties p, Instant at) {
        int quantity = p.quantity() == null ? 1 : p.quantity();
        OrderLine current = cartLine(p.productId());
        int total = (current == null ? 0 : current.quantity()) + quantity;
        BigDecimal price = p.price() != null ? p.price() : current == null ? null : current.price();
        cartLines.remove(current);
        cartLines.add(new OrderLine(p.productId(), total, price, p.categoryPath(), p.brand()));
        cartUpdatedAt = max(cartUpdatedAt, at);
    }

    private void removeFromCart(EventProperties p, Instant at) {
        OrderLine current = cartLine(p.productId());
        if (current == null) {
            return;
        }
        cartLines.remove(current);
        int left = p.quantity() == null ? 0 : current.quantity() - p.quantity();
        if (left > 0) {
            cartLines.add(
                    new OrderLine(current.productId(), left, current.price(), current.categoryPath(), current.brand()));
        }
        cartUpdatedAt = max(cartUpdatedAt, at);
    }

    private OrderLine cartLine(String productId) {
        return cartLines.stream()
                .filter(l -> l.productId().equals(productId))
                .findFirst()
                .orElse(null);
    }

    private void applyOrder(EventProperties p, Instant at, ProfilePolicy policy, boolean personalize) {
        if (p.orderId() != null) {
            recentOrderIds.add(p.orderId());
            if (recentOrderIds.size() > RECENT_ORDERS) {
                recentOrderIds.removeFirst();
            }
        }
        List<OrderLine> lines = p.lines() == null ? List.of() : p.lines();
        BigDecimal total = p.total() != null
                ? p.total()
                : lines.stream()
                        .filter(l -> l.price() != null)
                        .map(l -> l.price().multiply(BigDecimal.valueOf(l.quantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        orders++;
        totalSpend = totalSpend.add(total);
        firstOrderAt = min(firstOrderAt, at);
        lastOrderAt = max(lastOrderAt, at);
        if (!isBefore(at, cartUpdatedAt)) {
            cartLines.clear();
            cartUpdatedAt = at;
        }
        if (!personalize) {
            return;
        }
        for (OrderLine line : lines) {
            Purchase purchase = purchases.computeIfAbsent(line.productId(), id -> new Purchase());
            purchase.orders++;
            purchase.units += line.quantity();
            purchase.first = min(purchase.first, at);
            purchase.last = max(purchase.last, at);
            addInterest(
                    line.categoryPath(), line.brand(), line.price(), PURCHASE_WEIGHT, at, policy.affinityHalfLife());
        }
        if (purchases.size() > policy.purchasesLimit()) {
            purchases.entrySet().stream()
                    .min(Comparator.comparing(e -> e.getValue().last))
                    .map(Map.Entry::getKey)
                    .ifPresent(purchases::remove);
        }
    }

    /** Folds a profile merged into this one (identity stitching): counts add up, latest values win. */
    public void absorb(ProfileState other, ProfilePolicy policy) {
        for (String trait : other.traits.keySet()) {
            traits.putIfAbsent(trait, other.traits.get(trait));
        }
        if (other.consent.updatedAt() != null && isBefore(consent.updatedAt(), other.consent.updatedAt())) {
            consent = other.consent;
        }
        firstSeen = min(firstSeen, other.firstSeen);
        lastSeen = max(lastSeen, other.lastSeen);
        sessions += other.sessions;
        pageViews += other.pageViews;
        productViews += other.productViews;
        searches += other.searches;
        cartAdds += other.cartAdds;
        emailClicks += other.emailClicks;
        for (String orderId : other.recentOrderIds) {
            if (!recentOrderIds.contains(orderId)) {
                recentOrderIds.add(orderId);
            }
        }
        orders += other.orders;
        totalSpend = totalSpend.add(other.totalSpend);
        firstOrderAt = min(firstOrderAt, other.firstOrderAt);
        lastOrderAt = max(lastOrderAt, other.lastOrderAt);
        for (RecentView view : other.recentlyViewed) {
            addView(view.productId(), view.at(), policy.recentlyViewedLimit());
        }
        if (!other.cartLines.isEmpty() && isBefore(cartUpdatedAt, other.cartUpdatedAt)) {
            cartLines = new ArrayList<>(other.cartLines);
            cartUpdatedAt = other.cartUpdatedAt;
        }
        categories.absorb(other.categories, policy.affinityHalfLife());
        brands.absorb(other.brands, policy.affinityHalfLife());
        priceBands.absorb(other.priceBands, policy.affinityHalfLife());
        other.purchases.forEach((productId, theirs) -> {
            Purchase mine = purchases.computeIfAbsent(productId, id -> new Purchase());
            mine.orders += theirs.orders;
            mine.units += theirs.units;
            mine.first = min(mine.first, theirs.first);
            mine.last = max(mine.last, theirs.last);
        });
        if (other.firstTouch != null
                && (firstTouch == null || other.firstTouch.at().isBefore(firstTouch.at()))) {
            firstTouch = other.firstTouch;
        }
        if (other.latestTouch != null
                && (latestTouch == null || latestTouch.at().isBefore(other.latestTouch.at()))) {
            latestTouch = other.latestTouch;
        }
        if (isBefore(contextAt, other.contextAt)) {
            device = orElse(other.device, device);
            country = orElse(other.country, country);
            locale = orElse(other.locale, locale);
            timeZone = orElse(other.timeZone, timeZone);
            contextAt = other.contextAt;
        }
        LinkedHashSet<String> allSessions = new LinkedHashSet<>(recentSessions);
        allSessions.addAll(other.recentSessions);
        recentSessions = new ArrayList<>(allSessions);
        while (recentSessions.size() > RECENT_SESSIONS) {
            recentSessions.removeFirst();
        }
        if (!consent.allowsPersonalization(policy.personalizationByDefault())) {
            forgetBehaviour();
        }
    }

    /** The published view of this state. */
    public ProfileSnapshot snapshot(
            String profileId,
            long version,
            String customerId,
            List<String> anonymousIds,
            ProfilePolicy policy,
            Instant now) {
        BigDecimal aov =
                orders == 0 ? BigDecimal.ZERO : totalSpend.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
        return new ProfileSnapshot(
                profileId,
                version,
                customerId,
                List.copyOf(anonymousIds),
                Map.copyOf(traits),
                consent,
                firstSeen,
                lastSeen,
                sessions,
                pageViews,
                productViews,
                orders,
                totalSpend,
                aov,
                lastOrderAt,
                List.copyOf(recentlyViewed),
                new CartState(List.copyOf(cartLines), cartValue(), cartUpdatedAt),
                categories.shares(),
                brands.shares(),
                priceBands.shares(),
                purchaseStats(),
                firstTouch,
                latestTouch,
                device,
                country,
                policy.lifecycle().stageOf(sessions, productViews, orders, lastOrderAt, now));
    }

    private BigDecimal cartValue() {
        return cartLines.stream()
                .filter(l -> l.price() != null)
                .map(l -> l.price().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<PurchaseStats> purchaseStats() {
        List<PurchaseStats> stats = new ArrayList<>();
        purchases.forEach((productId, p) -> {
            Double interval =
                    p.orders < 2 ? null : Duration.between(p.first, p.last).toMinutes() / 1440.0 / (p.orders - 1);
            stats.add(new PurchaseStats(
                    productId,
                    p.orders,
                    p.units,
                    p.first,
                    p.last,
                    interval == null ? null : Math.round(interval * 10) / 10.0));
        });
        stats.sort(Comparator.comparing(PurchaseStats::lastPurchasedAt).reversed());
        return stats;
    }

    public ConsentState consent() {
        return consent;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public String timeZone() {
        return timeZone;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isBefore(Instant a, Instant b) {
        return a != null && b != null && a.isBefore(b);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
