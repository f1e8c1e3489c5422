package io.tailor.content.service;

import io.tailor.contracts.event.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a slot definition must meet; each violation names its field. */
public final class SlotValidator {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    public List<Violation> validate(String slotKey, SlotInput slot) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(slotKey).matches()) {
            v.add(new Violation("key", "a slot key: lower-case letters, digits, _ or - (max 64)"));
        }
        if (slot == null) {
            v.add(new Violation("", "a slot definition is required"));
            return v;
        }
        if (slot.name() == null || slot.name().isBlank() || slot.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
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
            if (x.priority() != null && (x.priority() < -1000 || x.priority() > 1000)) {
                v.add(new Violation(f + ".priority", "must be between -1000 and 1000"));
            }
            if (x.targeting() != null && x.targeting().segments() != null) {
                for (int s = 0; s < x.targeting().segments().size(); s++) {
                    String segment = x.targeting().segments().get(s);
                    if (segment == null || !KEY.matcher(segment).matches()) {
                        v.add(new Violation(f + ".targeting.segments[" + s + "]", "a segment key"));
                    }
                }
            }
        }
        return v;
    }

    private static void text(List<Violation> v, String field, String value, int max) {
        if (value != null && value.length() > max) {
            v.add(new Violation(field, "may be at most " + max + " characters"));
        }
    }

    private static void url(List<Violation> v, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > 2048
                || !(value.startsWith("/") || value.startsWith("https://") || value.startsWith("http://"))) {
            v.add(new Violation(field, "must be an http(s) URL or a path starting with /"));
        }
    }
}
