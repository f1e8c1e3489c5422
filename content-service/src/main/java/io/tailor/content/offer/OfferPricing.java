package io.tailor.content.offer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices products under an offer, deterministically (the same inputs always give the same prices), never deeper than
 * the discount cap, and explains in plain words why a shopper sees an offer.
 */
public final class OfferPricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private OfferPricing() {}

    /** A product on the page or in the cart. */
    public record Item(String productId, BigDecimal price, List<String> categoryPath, boolean onSale, int quantity) {}

    /** A product's price under an offer. */
    public record Priced(String productId, BigDecimal price, BigDecimal offerPrice, BigDecimal percentOff) {}

    /** Whether the offer covers the product: in its products (all when none given) and not excluded. */
    public static boolean covers(OfferDefinition d, Item item) {
        OfferDefinition.Exclusions ex = d.exclusions();
        if (ex != null) {
            if (Boolean.TRUE.equals(ex.saleItems()) && item.onSale()) {
                return false;
            }
            if (ex.productIds() != null && ex.productIds().contains(item.productId())) {
                return false;
            }
            if (ex.categories() != null
                    && item.categoryPath() != null
                    && item.categoryPath().stream().anyMatch(ex.categories()::contains)) {
                return false;
            }
        }
        if (d.offerKind() == OfferKind.BUNDLE) {
            return d.bundleProductIds().contains(item.productId());
        }
        OfferDefinition.Products p = d.products();
        if (p == null) {
            return true;
        }
        boolean listed = p.productIds() != null && p.productIds().contains(item.productId());
        boolean inCategory = p.categories() != null
                && item.categoryPath() != null
                && item.categoryPath().stream().anyMatch(p.categories()::contains);
        return listed || inCategory;
    }

    /**
     * The offer's price for each covered item ({@code maxPercent} caps every discount); free shipping prices
     * nothing, a bundle only when all its products are among the items, a tier only from its minimum quantity.
     */
    public static List<Priced> price(OfferDefinition d, List<Item> items, BigDecimal maxPercent) {
        List<Priced> out = new ArrayList<>();
        OfferKind kind = d.offerKind();
        if (kind == OfferKind.FREE_SHIPPING) {
            return out;
        }
        if (kind == OfferKind.BUNDLE) {
            Set<String> present = new HashSet<>();
            items.stream().filter(i -> covers(d, i)).forEach(i -> present.add(i.productId()));
            if (!present.containsAll(d.bundleProductIds())) {
                return out;
            }
        }
        for (Item item : items) {
            if (!covers(d, item)) {
                continue;
            }
            percent(d, item).ifPresent(pct -> {
                BigDecimal capped = pct.min(maxPercent);
                BigDecimal offer =
                        item.price().multiply(HUNDRED.subtract(capped)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                out.add(new Priced(item.productId(), money(item.price()), offer, capped.stripTrailingZeros()));
            });
        }
        return out;
    }

    private static Optional<BigDecimal> percent(OfferDefinition d, Item item) {
        return switch (d.offerKind()) {
            case PERCENTAGE, BUNDLE -> Optional.of(d.percentOff());
            case FIXED_AMOUNT ->
                item.price().signum() <= 0
                        ? Optional.empty()
                        : Optional.of(d.amountOff()
                                .min(item.price())
                                .multiply(HUNDRED)
                                .divide(item.price(), 4, RoundingMode.HALF_UP));
            case WHOLESALE_TIER ->
                d.tiers().stream()
                        .filter(t -> item.quantity() >= t.minQuantity())
                        .map(OfferDefinition.Tier::percentOff)
                        .reduce((a, b) -> b);
            case FREE_SHIPPING -> Optional.empty();
        };
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** What the offer gives, in words: "15% off", "5.00 off each item", "free shipping", ... */
    public static String gives(OfferDefinition d) {
        return switch (d.offerKind()) {
            case PERCENTAGE -> plain(d.percentOff()) + "% off";
            case FIXED_AMOUNT -> money(d.amountOff()).toPlainString() + " off each item";
            case FREE_SHIPPING -> "free shipping";
            case BUNDLE ->
                plain(d.percentOff()) + "% off when you buy " + String.join(", ", d.bundleProductIds()) + " together";
            case WHOLESALE_TIER ->
                String.join(
                        ", ",
                        d.tiers().stream()
                                .map(t -> plain(t.percentOff()) + "% off from " + t.minQuantity() + " units")
                                .toList());
        };
    }

    /**
     * Why the shopper sees the offer, in plain words, from the targeting rule that matched (e.g. {@code
     * utm_campaign=spring-sale & segment=repeat-customer}), with what it excludes and until when it runs.
     */
    public static String explain(OfferDefinition d, String matchedRule, Instant until) {
        List<String> reasons = new ArrayList<>();
        for (String part : matchedRule.split(" & ")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            reasons.add(
                    switch (name) {
                        case "segment" -> "you are in our " + value.replace('-', ' ') + " group";
                        case "utm_campaign" -> "you came from our " + value + " campaign";
                        case "utm_source" -> "you came from " + value;
                        case "utm_medium" -> "you came through " + value;
                        case "traffic_source" -> "you came from " + value.replace('_', ' ');
                        case "device" -> "you are shopping on " + value.toLowerCase(Locale.ROOT);
                        case "country" -> "you are shopping from " + value.toUpperCase(Locale.ROOT);
                        case "page_type" -> "you are on a " + value + " page";
                        case "page_path" -> "you are on " + value;
                        case "schedule" -> "it runs at this time";
                        default -> "it is open to every shopper";
                    });
        }
        StringBuilder text = new StringBuilder();
        text.append(capitalize(gives(d)))
                .append(". You see this offer because ")
                .append(join(reasons))
                .append('.');
        OfferDefinition.Exclusions ex = d.exclusions();
        if (ex != null) {
            if (Boolean.TRUE.equals(ex.saleItems())) {
                text.append(" Items already on sale are not included.");
            }
            if (ex.categories() != null && !ex.categories().isEmpty()) {
                text.append(" Not valid in: ")
                        .append(String.join(", ", ex.categories()))
                        .append('.');
            }
        }
        if (until != null) {
            text.append(" Valid until ").append(until).append('.');
        }
        return text.toString();
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The pricing terms of an offer, to compare two offers' prices; scale-insensitive. */
    static List<Object> terms(OfferDefinition d) {
        return List.of(
                d.kind(),
                norm(d.percentOff()),
                norm(d.amountOff()),
                d.bundleProductIds() == null ? List.of() : List.copyOf(new java.util.TreeSet<>(d.bundleProductIds())),
                d.tiers() == null
                        ? List.of()
                        : d.tiers().stream()
                                .map(t -> Map.entry(t.minQuantity(), norm(t.percentOff())))
                                .toList());
    }

    private static String norm(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
