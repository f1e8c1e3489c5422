package io.tailor.contracts.event;

import java.math.BigDecimal;
import java.util.List;

/** One line of a cart or an order. */
public record OrderLine(
        String productId, Integer quantity, BigDecimal price, List<String> categoryPath, String brand) {}
