package io.tailor.content.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What is known about one shopper and one capped slot: shows in the current session, shows in the rolling window and
 * the variants dismissed (until when). The cap rules live here, in plain Java; Redis only stores the state.
 *
 * @param sessionShows shows in the session that ends at {@code sessionEnd}
 * @param sessionEnd when the session ends unless the slot is shown again (a session ends after {@link #SESSION_IDLE}
 *     without a show)
 * @param windowShows shows in the last {@code windowDays} days
 * @param dismissedUntil variant key to the moment its dismissal ends
 */
public record CapState(int sessionShows, Instant sessionEnd, long windowShows, Map<String, Instant> dismissedUntil) {

    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    public static final CapState NONE = new CapState(0, Instant.EPOCH, 0, Map.of());

    /** Hash fields of the stored state. */
    public static final String SESSION_SHOWS = "sessionShows";

    public static final String SESSION_END = "sessionEnd";
    public static final String DISMISSED_PREFIX = "dismissed:";

    /** Reads the stored hash (unreadable fields read as absent). */
    public static CapState of(Map<String, String> hash, long windowShows) {
        Map<String, Instant> dismissed = new HashMap<>();
        int shows = 0;
        Instant end = Instant.EPOCH;
        for (Map.Entry<String, String> e : hash.entrySet()) {
            try {
                if (e.getKey().equals(SESSION_SHOWS)) {
                    shows = Integer.parseInt(e.getValue());
                } else if (e.getKey().equals(SESSION_END)) {
                    end = Instant.ofEpochMilli(Long.parseLong(e.getValue()));
                } else if (e.getKey().startsWith(DISMISSED_PREFIX)) {
                    dismissed.put(
                            e.getKey().substring(DISMISSED_PREFIX.length()),
                            Instant.ofEpochMilli(Long.parseLong(e.getValue())));
                }
            } catch (NumberFormatException ignored) {
                // an unreadable field counts as absent
            }
        }
        return new CapState(shows, end, windowShows, Map.copyOf(dismissed));
    }

    /** Shows counted in the session running at {@code now} (0 once it has ended). */
    public int sessionShowsAt(Instant now) {
        return now.isBefore(sessionEnd) ? sessionShows : 0;
    }

    /** Whether the cap lets the slot be shown once more at {@code now}. */
    public boolean allows(FrequencyCap cap, Instant now) {
        if (cap.perSession() != null && sessionShowsAt(now) >= cap.perSession()) {
            return false;
        }
        return cap.maxShows() == null || windowShows < cap.maxShows();
    }

    /** Whether the shopper dismissed {@code variant} and the dismissal still runs at {@code now}. */
    public boolean dismissed(String variant, Instant now) {
        Instant until = dismissedUntil.get(variant);
        return until != null && now.isBefore(until);
    }

    /** The state after one more show at {@code now}. */
    public CapState shown(Instant now) {
        return new CapState(sessionShowsAt(now) + 1, now.plus(SESSION_IDLE), windowShows + 1, dismissedUntil);
    }

    /** How long the stored state must live for {@code cap}: the longest of its window, dismissals and a session. */
    public static Duration ttl(FrequencyCap cap) {
        Duration ttl = Duration.ofDays(cap.dismissDaysOrDefault());
        if (cap.windowDays() != null && Duration.ofDays(cap.windowDays()).compareTo(ttl) > 0) {
            ttl = Duration.ofDays(cap.windowDays());
        }
        return ttl.compareTo(SESSION_IDLE) < 0 ? SESSION_IDLE : ttl;
    }
}
