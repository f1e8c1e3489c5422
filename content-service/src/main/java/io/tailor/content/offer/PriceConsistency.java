package io.tailor.content.offer;

import io.tailor.content.targeting.Targeting;
import io.tailor.contracts.event.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses offers that would show two shoppers of the same segment different prices for the same product at the same
 * time, unless the offer (or the other offer involved) declares a {@code priceReason}. Two cases:
 *
 * <ul>
 *   <li>the offer changes prices and its targeting looks at more than segments and time (traffic source, utm,
 *       device, country, page): two shoppers of one segment differ only in how they arrive;
 *   <li>another active, price-changing offer covers products this one covers, in an overlapping window, targets a
 *       different non-empty set of segments and gives different terms: a shopper in both segments and a shopper in
 *       one see different prices.
 * </ul>
 *
 * Free shipping changes no product price and is never refused. Offers for identical segment sets are consistent:
 * the same shoppers match both, and precedence picks one.
 */
public final class PriceConsistency {

    private PriceConsistency() {}

    public static List<Violation> check(String key, OfferDefinition offer, Map<String, OfferDefinition> others) {
        List<Violation> v = new ArrayList<>();
        if (declared(offer) || !changesPrices(offer)) {
            return v;
        }
        List<String> beyond = beyondSegments(offer.targeting());
        if (!beyond.isEmpty()) {
            v.add(new Violation(
                    "targeting",
                    "shoppers of the same segment would see different prices depending on " + String.join(", ", beyond)
                            + ": declare a priceReason"));
        }
        Set<String> segments = segments(offer);
        for (Map.Entry<String, OfferDefinition> e : others.entrySet()) {
            OfferDefinition other = e.getValue();
            if (e.getKey().equals(key) || !other.enabled() || declared(other) || !changesPrices(other)) {
                continue;
            }
            Set<String> otherSegments = segments(other);
            if (segments.isEmpty() || otherSegments.isEmpty() || segments.equals(otherSegments)) {
                continue;
            }
            if (overlap(offer.start(), offer.end(), other.start(), other.end())
                    && scopesMeet(offer, other)
                    && !OfferPricing.terms(offer).equals(OfferPricing.terms(other))) {
                v.add(new Violation(
                        "targeting.segments",
                        "offer '" + e.getKey() + "' prices the same products at the same time with different terms"
                                + " for segments " + otherSegments + ": a shopper in " + segments + " and "
                                + otherSegments + " would see another price than one only in " + segments
                                + ". Declare a priceReason"));
            }
        }
        return v;
    }

    private static boolean declared(OfferDefinition d) {
        return d.priceReason() != null && !d.priceReason().isBlank();
    }

    static boolean changesPrices(OfferDefinition d) {
        return d.offerKind() != OfferKind.FREE_SHIPPING;
    }

    private static Set<String> segments(OfferDefinition d) {
        return d.targeting() == null || d.targeting().segments() == null
                ? Set.of()
                : Set.copyOf(d.targeting().segments());
    }

    private static List<String> beyondSegments(Targeting t) {
        List<String> beyond = new ArrayList<>();
        if (t == null) {
            return beyond;
        }
        if (present(t.trafficSources())) {
            beyond.add("traffic source");
        }
        if (present(t.utmSources()) || present(t.utmMediums()) || present(t.utmCampaigns())) {
            beyond.add("utm parameters");
        }
        if (present(t.devices())) {
            beyond.add("device");
        }
        if (present(t.countries())) {
            beyond.add("country");
        }
        if (present(t.pageTypes()) || present(t.pagePaths())) {
            beyond.add("page");
        }
        return beyond;
    }

    private static boolean present(Collection<?> c) {
        return c != null && !c.isEmpty();
    }

    static boolean overlap(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
        boolean aBeforeB = aEnd != null && bStart != null && !aEnd.isAfter(bStart);
        boolean bBeforeA = bEnd != null && aStart != null && !bEnd.isAfter(aStart);
        return !aBeforeB && !bBeforeA;
    }

    /** Whether two offers may cover a common product (unknown category membership counts as may). */
    static boolean scopesMeet(OfferDefinition a, OfferDefinition b) {
        Scope x = Scope.of(a);
        Scope y = Scope.of(b);
        if (x.all() || y.all()) {
            return true;
        }
        if (!x.categories().isEmpty() || !y.categories().isEmpty()) {
            return intersects(x.categories(), y.categories())
                    || x.ids().isEmpty() != y.ids().isEmpty()
                    || intersects(x.ids(), y.ids());
        }
        return intersects(x.ids(), y.ids());
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return !common.isEmpty();
    }

    private record Scope(boolean all, Set<String> ids, Set<String> categories) {
        static Scope of(OfferDefinition d) {
            if (d.offerKind() == OfferKind.BUNDLE) {
                return new Scope(false, Set.copyOf(d.bundleProductIds()), Set.of());
            }
            if (d.products() == null) {
                return new Scope(true, Set.of(), Set.of());
            }
            return new Scope(
                    false,
                    d.products().productIds() == null
                            ? Set.of()
                            : Set.copyOf(d.products().productIds()),
                    d.products().categories() == null
                            ? Set.of()
                            : Set.copyOf(d.products().categories()));
        }
    }
}
