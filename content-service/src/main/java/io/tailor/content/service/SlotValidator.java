package io.tailor.content.service;

import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.model.SlotKind;
import io.tailor.content.model.VariantChooser;
import io.tailor.content.targeting.TargetingValidator;
import io.tailor.contracts.event.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a slot definition must meet; each violation names its field. */
public final class SlotValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    public static final Set<String> SORT_ORDERS =
            Set.of("new_first", "top_rated", "best_selling", "price_asc", "price_desc", "recommended");

    public List<Violation> validate(String slotKey, SlotInput slot) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(slotKey).matches()) {
            v.add(new Violation("key", "a slot key: lower-case letters, digits, _ or - (max 64)"));
        }
        if (slot == null) {
            v.add(new Violation("", "a slot definition is required"));
            return v;
        }
        SlotKind kind = SlotKind.CUSTOM;
        if (slot.kind() != null) {
            kind = SlotKind.of(slot.kind()).orElse(null);
            if (kind == null) {
                v.add(new Violation("kind", "must be one of " + SlotKind.names()));
                kind = SlotKind.CUSTOM;
            }
        }
        if (slot.name() == null || slot.name().isBlank() || slot.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        text(v, "description", slot.description(), 2000);
        cap(v, slot.frequencyCap());
        List<SlotInput.VariantInput> variants = slot.variants() == null ? List.of() : slot.variants();
        if (variants.isEmpty()) {
            v.add(new Violation("variants", "a slot needs at least its default variant"));
        }
        if (variants.size() > 200) {
            v.add(new Violation("variants", "at most 200 variants"));
        }
        long defaults = variants.stream()
                .filter(x -> x != null && Boolean.TRUE.equals(x.isDefault()))
                .count();
        if (!variants.isEmpty() && defaults != 1) {
            v.add(new Violation("variants", "exactly one variant must be the default; found " + defaults));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            String f = "variants[" + i + "]";
            SlotInput.VariantInput x = variants.get(i);
            if (x == null) {
                v.add(new Violation(f, "must not be null"));
                continue;
            }
            if (x.key() == null || !KEY.matcher(x.key()).matches()) {
                v.add(new Violation(f + ".key", "a variant key: lower-case letters, digits, _ or -"));
            } else if (!keys.add(x.key())) {
                v.add(new Violation(f + ".key", "duplicate key '" + x.key() + "'"));
            }
            text(v, f + ".title", x.title(), 300);
            text(v, f + ".body", x.body(), 5000);
            url(v, f + ".imageUrl", x.imageUrl());
            url(v, f + ".linkUrl", x.linkUrl());
            if (kind.needsImage() && (x.imageUrl() == null || x.imageUrl().isBlank())) {
                v.add(new Violation(f + ".imageUrl", "is required: a " + kind.wireName() + " slot shows an image"));
            }
            collection(v, f + ".collection", x.collection());
            if (x.sortOrder() != null && !SORT_ORDERS.contains(x.sortOrder())) {
                v.add(new Violation(
                        f + ".sortOrder", "must be one of " + String.join(", ", new java.util.TreeSet<>(SORT_ORDERS))));
            }
            if (x.priority() != null && (x.priority() < -1000 || x.priority() > 1000)) {
                v.add(new Violation(f + ".priority", "must be between -1000 and 1000"));
            }
            if (Boolean.TRUE.equals(x.isDefault())
                    && x.targeting() != null
                    && !x.targeting().isEveryone()) {
                v.add(new Violation(f + ".targeting", "the default variant is for everyone: leave its targeting out"));
            }
            TargetingValidator.validate(v, f + ".targeting", x.targeting());
        }
        chooser(v, slot.chooser(), keys);
        return v;
    }

    /** An experiment with a variation → variant map over this slot's variants, or a bandit. */
    private static void chooser(List<Violation> v, VariantChooser chooser, Set<String> variantKeys) {
        if (chooser == null) {
            return;
        }
        if ((chooser.experiment() == null) == (chooser.bandit() == null)) {
            v.add(new Violation("chooser", "exactly one of experiment and bandit"));
            return;
        }
        if (chooser.bandit() != null) {
            if (!KEY.matcher(chooser.bandit()).matches()) {
                v.add(new Violation("chooser.bandit", "not a bandit key"));
            }
            if (chooser.variations() != null) {
                v.add(new Violation("chooser.variations", "a bandit's arms are the slot's variant keys: leave it out"));
            }
            return;
        }
        if (!KEY.matcher(chooser.experiment()).matches()) {
            v.add(new Violation("chooser.experiment", "not an experiment key"));
        }
        if (chooser.variations() == null || chooser.variations().isEmpty()) {
            v.add(new Violation("chooser.variations", "map each variation of the experiment to a variant key"));
            return;
        }
        chooser.variations().forEach((variation, variant) -> {
            if (variant == null || !variantKeys.contains(variant)) {
                v.add(new Violation("chooser.variations." + variation, "no variant '" + variant + "' in this slot"));
            }
        });
    }

    private static void cap(List<Violation> v, FrequencyCap cap) {
        if (cap == null) {
            return;
        }
        range(v, "frequencyCap.perSession", cap.perSession(), 1, 100);
        range(v, "frequencyCap.maxShows", cap.maxShows(), 1, 1000);
        range(v, "frequencyCap.windowDays", cap.windowDays(), 1, 90);
        range(v, "frequencyCap.dismissDays", cap.dismissDays(), 1, 365);
        if ((cap.maxShows() == null) != (cap.windowDays() == null)) {
            v.add(new Violation(
                    cap.maxShows() == null ? "frequencyCap.maxShows" : "frequencyCap.windowDays",
                    "maxShows and windowDays go together (e.g. 3 shows per 7 days)"));
        }
    }

    private static void range(List<Violation> v, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            v.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }

    private static void collection(List<Violation> v, String field, ProductCollection c) {
        if (c == null) {
            return;
        }
        boolean ids = c.productIds() != null;
        boolean category = c.category() != null;
        if (ids == category) {
            v.add(new Violation(field, "give either productIds or category"));
            return;
        }
        if (ids) {
            if (c.productIds().isEmpty() || c.productIds().size() > 100) {
                v.add(new Violation(field + ".productIds", "1 to 100 product ids"));
            }
            for (int i = 0; i < c.productIds().size(); i++) {
                String id = c.productIds().get(i);
                if (id == null || id.isBlank() || id.length() > 128) {
                    v.add(new Violation(field + ".productIds[" + i + "]", "a product id (1 to 128 characters)"));
                }
            }
        } else if (c.category().isBlank() || c.category().length() > 300) {
            v.add(new Violation(field + ".category", "a category (1 to 300 characters)"));
        }
    }

    private static void text(List<Violation> v, String field, String value, int max) {
        if (value != null && value.length() > max) {
            v.add(new Violation(field, "may be at most " + max + " characters"));
        }
    }

    static void url(List<Violation> v, String field, String value) {
        if (value == null) {
            return;
        }
        if (!validUrl(value)) {
            v.add(new Violation(field, "must be an http(s) URL with a host, or a path starting with / (max 2048)"));
        }
    }

    static boolean validUrl(String value) {
        if (value.length() > 2048 || value.isBlank() || value.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            if (value.startsWith("/")) {
                return !value.startsWith("//") && uri.getScheme() == null;
            }
            String scheme = uri.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
