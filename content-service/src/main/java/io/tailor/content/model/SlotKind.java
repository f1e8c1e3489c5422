package io.tailor.content.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a slot is on the storefront; image-bearing kinds need an image on every variant. */
public enum SlotKind {
    HOME_HERO(true),
    HOME_BLOCKS(true),
    POPUP(false),
    LANDING_HERO(true),
    CATEGORY_BANNER(true),
    CHECKOUT_MESSAGE(false),
    CART_MESSAGE(false),
    /** Anything else; images optional. */
    CUSTOM(false);

    private final boolean needsImage;

    SlotKind(boolean needsImage) {
        this.needsImage = needsImage;
    }

    public boolean needsImage() {
        return needsImage;
    }

    /** The wire name, e.g. home_hero. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SlotKind> of(String wireName) {
        return Arrays.stream(values())
                .filter(k -> k.wireName().equals(wireName))
                .findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(SlotKind::wireName).toList());
    }
}
