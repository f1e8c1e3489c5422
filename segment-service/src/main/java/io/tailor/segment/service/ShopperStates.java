package io.tailor.segment.service;

import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.ProfileSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The profile of a shopper Tailor has not seen yet, for rules evaluated before any event arrived. */
final class ShopperStates {

    private ShopperStates() {}

    static ProfileSnapshot anonymous() {
        return new ProfileSnapshot(
                null,
                0,
                null,
                List.of(),
                Map.of(),
                ConsentState.UNKNOWN,
                null,
                null,
                0,
                0,
                0,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                List.of(),
                CartState.EMPTY,
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null,
                null,
                Lifecycle.NEW_VISITOR);
    }
}
