package io.tailor.experiment.domain;

import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.experiment.stats.MetricKind;
import java.math.BigDecimal;

/**
 * A configured metric (table {@code metric}) in plain Java: which events count and what each contributes.
 */
public record MetricDefinition(
        String key,
        String name,
        MetricKind kind,
        String eventType,
        String valueSource,
        int minCount,
        Integer windowDays,
        String denominatorEventType,
        String denominatorSource,
        boolean lowerIsBetter,
        String covariate) {

    /** What an event adds to a unit: numerator value, denominator, qualifying events. */
    public record Contribution(double value, double denominator, int events) {}

    /**
     * The event's contribution, or null when it does not count (other type, before exposure, or outside the window).
     *
     * @param exposedAt the unit's first exposure
     */
    public Contribution contribution(ShopperEvent event, java.time.Instant at, java.time.Instant exposedAt) {
        if (at.isBefore(exposedAt)) {
            return null;
        }
        if (windowDays != null && at.isAfter(exposedAt.plus(java.time.Duration.ofDays(windowDays)))) {
            return null;
        }
        String type = event.type().wireName();
        boolean numerator = type.equals(eventType);
        boolean denominator = kind == MetricKind.RATIO && type.equals(denominatorEventType);
        if (!numerator && !denominator) {
            return null;
        }
        return new Contribution(
                numerator ? value(valueSource, event.propertiesOrEmpty()) : 0,
                denominator ? value(denominatorSource, event.propertiesOrEmpty()) : 0,
                numerator ? 1 : 0);
    }

    static double value(String source, EventProperties p) {
        return switch (source) {
            case "revenue" -> {
                if (p.total() != null) {
                    yield p.total().doubleValue();
                }
                if (p.lines() != null && !p.lines().isEmpty()) {
                    double sum = 0;
                    for (OrderLine l : p.lines()) {
                        if (l != null && l.price() != null) {
                            sum += l.price()
                                    .multiply(BigDecimal.valueOf(l.quantity() == null ? 1 : l.quantity()))
                                    .doubleValue();
                        }
                    }
                    yield sum;
                }
                yield p.price() == null ? 0 : p.price().doubleValue() * (p.quantity() == null ? 1 : p.quantity());
            }
            case "units" -> {
                if (p.lines() != null && !p.lines().isEmpty()) {
                    yield p.lines().stream()
                            .mapToInt(l -> l == null || l.quantity() == null ? 1 : l.quantity())
                            .sum();
                }
                yield p.quantity() == null ? 1 : p.quantity();
            }
            default -> 1;
        };
    }
}
