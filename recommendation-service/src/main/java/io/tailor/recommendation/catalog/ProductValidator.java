package io.tailor.recommendation.catalog;

import io.tailor.contracts.event.Violation;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a catalogue row must meet; each violation names its field under the row's prefix. */
public final class ProductValidator {

    private static final Pattern ID = Pattern.compile("[\\p{Alnum}._:@+\\-]{1,128}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public List<Violation> validate(ProductInput p, String prefix) {
        List<Violation> v = new ArrayList<>();
        if (p == null) {
            v.add(new Violation(prefix, "a product object is required"));
            return v;
        }
        if (p.id() == null || !ID.matcher(p.id()).matches()) {
            v.add(new Violation(prefix + "id", "is required: 1-128 letters, digits or ._:@+-"));
        }
        if (p.title() == null || p.title().isBlank()) {
            v.add(new Violation(prefix + "title", "is required"));
        } else if (p.title().length() > 300) {
            v.add(new Violation(prefix + "title", "may be at most 300 characters"));
        }
        if (p.description() != null && p.description().length() > 10_000) {
            v.add(new Violation(prefix + "description", "may be at most 10000 characters"));
        }
        if (p.price() == null) {
            v.add(new Violation(prefix + "price", "is required"));
        } else if (p.price().signum() < 0) {
            v.add(new Violation(prefix + "price", "must not be negative"));
        } else if (p.price().compareTo(java.math.BigDecimal.valueOf(10_000_000)) > 0) {
            v.add(new Violation(prefix + "price", "must be at most 10000000"));
        }
        if (p.currency() == null || !CURRENCY.matcher(p.currency()).matches()) {
            v.add(new Violation(prefix + "currency", "is required: an ISO 4217 code such as GBP"));
        }
        if (p.stock() != null && p.stock() < 0) {
            v.add(new Violation(prefix + "stock", "must not be negative"));
        }
        if (p.categoryPath() != null) {
            if (p.categoryPath().size() > 10) {
                v.add(new Violation(prefix + "categoryPath", "may have at most 10 levels"));
            }
            for (int i = 0; i < p.categoryPath().size(); i++) {
                String level = p.categoryPath().get(i);
                if (level == null || level.isBlank() || level.length() > 100 || level.contains(">")) {
                    v.add(new Violation(prefix + "categoryPath[" + i + "]", "1-100 characters without '>'"));
                }
            }
        }
        if (p.brand() != null && p.brand().length() > 200) {
            v.add(new Violation(prefix + "brand", "may be at most 200 characters"));
        }
        if (p.attributes() != null && p.attributes().size() > 100) {
            v.add(new Violation(prefix + "attributes", "may have at most 100 entries"));
        }
        if (p.launchDate() != null
                && (p.launchDate().isBefore(LocalDate.of(1900, 1, 1))
                        || p.launchDate().isAfter(LocalDate.now().plusYears(5)))) {
            v.add(new Violation(prefix + "launchDate", "must be a plausible date"));
        }
        url(v, prefix + "imageUrl", p.imageUrl());
        url(v, prefix + "url", p.url());
        return v;
    }

    private static void url(List<Violation> v, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > 2048) {
            v.add(new Violation(field, "may be at most 2048 characters"));
            return;
        }
        try {
            URI uri = URI.create(value);
            boolean relative = uri.getScheme() == null && value.startsWith("/");
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!relative && !web) {
                v.add(new Violation(field, "must be an http(s) URL or a path starting with /"));
            }
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "must be a URL"));
        }
    }
}
