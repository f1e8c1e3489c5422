package io.tailor.content.offer;

import io.tailor.content.targeting.TargetingValidator;
import io.tailor.contracts.event.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The rules an offer definition must meet, including the configured cap on discount depth. */
public final class OfferValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal maxPercent;

    /** @param maxPercent the deepest discount any offer may give, in percent */
    public OfferValidator(BigDecimal maxPercent) {
        this.maxPercent = maxPercent;
    }

    public List<Violation> validate(String key, OfferDefinition d) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            v.add(new Violation("key", "an offer key: lower-case letters, digits, _ or - (max 64)"));
        }
        if (d == null) {
            v.add(new Violation("", "an offer definition is required"));
            return v;
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        if (d.label() != null && d.label().length() > 300) {
            v.add(new Violation("label", "may be at most 300 characters"));
        }
        OfferKind kind = d.kind() == null ? null : OfferKind.of(d.kind()).orElse(null);
        if (kind == null) {
            v.add(new Violation("kind", "must be one of " + OfferKind.names()));
        }
        boolean percent = kind == OfferKind.PERCENTAGE || kind == OfferKind.BUNDLE;
        if (percent) {
            percent(v, "percentOff", d.percentOff());
        } else if (d.percentOff() != null) {
            v.add(new Violation("percentOff", "only for percentage and bundle offers"));
        }
        if (kind == OfferKind.FIXED_AMOUNT) {
            if (d.amountOff() == null) {
                v.add(new Violation("amountOff", "is required for a fixed_amount offer"));
            } else if (d.amountOff().signum() <= 0 || d.amountOff().compareTo(BigDecimal.valueOf(100_000)) > 0) {
                v.add(new Violation("amountOff", "must be more than 0 and at most 100000"));
            } else if (d.amountOff().scale() > 2) {
                v.add(new Violation("amountOff", "at most 2 decimals"));
            }
        } else if (d.amountOff() != null) {
            v.add(new Violation("amountOff", "only for fixed_amount offers"));
        }
        if (kind == OfferKind.BUNDLE) {
            List<String> ids = d.bundleProductIds();
            if (ids == null || ids.size() < 2 || ids.size() > 20) {
                v.add(new Violation("bundleProductIds", "a bundle needs 2 to 20 products"));
            } else {
                ids(v, "bundleProductIds", ids);
                if (new HashSet<>(ids).size() != ids.size()) {
                    v.add(new Violation("bundleProductIds", "lists a product twice"));
                }
            }
        } else if (d.bundleProductIds() != null) {
            v.add(new Violation("bundleProductIds", "only for bundle offers"));
        }
        if (kind == OfferKind.WHOLESALE_TIER) {
            tiers(v, d.tiers());
        } else if (d.tiers() != null) {
            v.add(new Violation("tiers", "only for wholesale_tier offers"));
        }
        if (d.products() != null) {
            if (kind == OfferKind.BUNDLE) {
                v.add(new Violation("products", "a bundle applies to its bundleProductIds"));
            }
            if (d.products().productIds() == null && d.products().categories() == null) {
                v.add(new Violation("products", "give productIds and/or categories, or leave products out for all"));
            }
            ids(v, "products.productIds", d.products().productIds());
            ids(v, "products.categories", d.products().categories());
        }
        if (d.exclusions() != null) {
            ids(v, "exclusions.productIds", d.exclusions().productIds());
            ids(v, "exclusions.categories", d.exclusions().categories());
        }
        if (d.priority() != null && (d.priority() < -1000 || d.priority() > 1000)) {
            v.add(new Violation("priority", "must be between -1000 and 1000"));
        }
        if (d.start() != null && d.end() != null && !d.end().isAfter(d.start())) {
            v.add(new Violation("end", "must be after start"));
        }
        if (d.priceReason() != null
                && (d.priceReason().isBlank() || d.priceReason().length() > 500)) {
            v.add(new Violation("priceReason", "1 to 500 characters"));
        }
        if (d.targeting() != null
                && d.targeting().schedule() != null
                && (d.targeting().schedule().start() != null
                        || d.targeting().schedule().end() != null)) {
            v.add(new Violation(
                    "targeting.schedule",
                    "an offer's window is its start and end; a schedule here may" + " only give days and hours"));
        }
        TargetingValidator.validate(v, "targeting", d.targeting());
        return v;
    }

    private void percent(List<Violation> v, String field, BigDecimal value) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
        } else if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
            v.add(new Violation(field, "must be more than 0 and at most 100 (percent)"));
        } else if (value.compareTo(maxPercent) > 0) {
            v.add(new Violation(
                    field,
                    "exceeds the discount cap of "
                            + maxPercent.stripTrailingZeros().toPlainString() + "%"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            v.add(new Violation(field, "at most 2 decimals"));
        }
    }

    private void tiers(List<Violation> v, List<OfferDefinition.Tier> tiers) {
        if (tiers == null || tiers.isEmpty() || tiers.size() > 10) {
            v.add(new Violation("tiers", "a wholesale offer needs 1 to 10 tiers"));
            return;
        }
        int previous = 1;
        for (int i = 0; i < tiers.size(); i++) {
            OfferDefinition.Tier t = tiers.get(i);
            String f = "tiers[" + i + "]";
            if (t == null) {
                v.add(new Violation(f, "must not be null"));
                continue;
            }
            if (t.minQuantity() == null || t.minQuantity() <= previous) {
                v.add(new Violation(
                        f + ".minQuantity", "must be more than " + previous + " (tiers go up in quantity)"));
            } else {
                previous = t.minQuantity();
            }
            percent(v, f + ".percentOff", t.percentOff());
        }
    }

    private static void ids(List<Violation> v, String field, List<String> ids) {
        if (ids == null) {
            return;
        }
        if (ids.size() > 500) {
            v.add(new Violation(field, "at most 500 values"));
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank() || id.length() > 300) {
                v.add(new Violation(field + "[" + i + "]", "1 to 300 characters"));
            }
        }
    }
}
