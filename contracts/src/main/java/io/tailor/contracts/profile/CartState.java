package io.tailor.contracts.profile;

import io.tailor.contracts.event.OrderLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The shopper's current cart as Tailor last saw it. */
public record CartState(List<OrderLine> lines, BigDecimal value, Instant updatedAt) {

    public static final CartState EMPTY = new CartState(List.of(), BigDecimal.ZERO, null);

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return lines == null || lines.isEmpty();
    }
}
