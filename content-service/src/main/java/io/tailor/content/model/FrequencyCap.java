package io.tailor.content.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How often one shopper may see a slot (typically a pop-up or a banner), counted when a decision shows it.
 *
 * @param perSession at most this many shows per session (a session ends after 30 minutes without a show)
 * @param maxShows at most this many shows in any rolling {@code windowDays} days
 * @param windowDays the rolling window of {@code maxShows} (1 to 90)
 * @param dismissDays how long a variant the shopper dismissed stays hidden (1 to 365; 30 when left out)
 */
@RegisterForReflection
public record FrequencyCap(Integer perSession, Integer maxShows, Integer windowDays, Integer dismissDays) {

    public static final int DEFAULT_DISMISS_DAYS = 30;

    public int dismissDaysOrDefault() {
        return dismissDays == null ? DEFAULT_DISMISS_DAYS : dismissDays;
    }

    /** Whether shows are counted at all. */
    public boolean countsShows() {
        return perSession != null || maxShows != null;
    }
}
