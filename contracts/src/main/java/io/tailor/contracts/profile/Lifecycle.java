package io.tailor.contracts.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a shopper is in their relationship with the store; thresholds in docs/profiles.md. */
public enum Lifecycle {
    NEW_VISITOR,
    ENGAGED,
    FIRST_PURCHASE,
    REPEAT,
    LOYAL,
    LAPSING,
    LAPSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
