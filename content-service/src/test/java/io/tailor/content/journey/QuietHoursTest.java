package io.tailor.content.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void daytimeIsNotQuiet() {
        assertThat(NIGHT.postponeUntil(Instant.parse("2026-06-10T12:00:00Z"), LONDON))
                .isEmpty();
        assertThat(NIGHT.postponeUntil(Instant.parse("2026-06-10T07:00:00Z"), LONDON)) // 08:00 BST: ends exactly
                .isEmpty();
    }

    @Test
    void lateEveningWaitsForTheNextMorningInTheShoppersZone() {
        // 21:30 BST in London
        assertThat(NIGHT.postponeUntil(Instant.parse("2026-06-10T20:30:00Z"), LONDON))
                .contains(Instant.parse("2026-06-11T07:00:00Z"));
        // the same instant is 05:30 in Tokyo: waits until 08:00 JST the same day
        assertThat(NIGHT.postponeUntil(Instant.parse("2026-06-10T20:30:00Z"), TOKYO))
                .contains(Instant.parse("2026-06-10T23:00:00Z"));
    }

    @Test
    void aWindowWithinOneDayAndAnEmptyOne() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertThat(lunch.postponeUntil(Instant.parse("2026-01-10T13:00:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-01-10T14:00:00Z"));
        assertThat(lunch.postponeUntil(Instant.parse("2026-01-10T15:00:00Z"), ZoneId.of("UTC")))
                .isEmpty();
        QuietHours none = new QuietHours(LocalTime.of(9, 0), LocalTime.of(9, 0));
        assertThat(none.postponeUntil(Instant.parse("2026-01-10T09:00:00Z"), ZoneId.of("UTC")))
                .isEmpty();
    }

    @Test
    void unknownZonesFallBack() {
        assertThat(QuietHours.zone("Mars/Olympus", LONDON)).isEqualTo(LONDON);
        assertThat(QuietHours.zone(null, LONDON)).isEqualTo(LONDON);
        assertThat(QuietHours.zone("Asia/Tokyo", LONDON)).isEqualTo(TOKYO);
    }
}
