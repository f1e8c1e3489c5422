package io.tailor.content.journey;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Quiet hours in the shopper's time zone, e.g. 21:00 to 08:00: a message due inside them waits for their end. A
 * window may wrap midnight; a start equal to the end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** When a message due at {@code at} may be sent: empty when now is fine, else the end of the quiet hours. */
    public Optional<Instant> postponeUntil(Instant at, ZoneId zone) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean quiet =
                wraps ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime until = local.with(end);
        if (!until.isAfter(local)) {
            until = until.plusDays(1);
        }
        return Optional.of(until.toInstant());
    }

    /** A zone id, or the fallback when it is missing or unknown. */
    public static ZoneId zone(String id, ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }
}
