package io.tailor.content.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.decision.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static TargetingRule.Window window(Schedule s) {
        return TargetingRule.of(new Targeting(null, null, null, null, null, null, null, null, null, s))
                .schedule();
    }

    @Test
    void startIsInclusiveAndEndExclusive() {
        TargetingRule.Window w = window(new Schedule(
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z"), null, null, null, null));
        assertThat(w.contains(Instant.parse("2026-02-28T23:59:59Z"))).isFalse();
        assertThat(w.contains(Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-07T23:59:59Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-08T00:00:00Z"))).isFalse();
    }

    @Test
    void daysAndHoursAreReadInTheDeclaredTimeZone() {
        // weekdays 09:00-17:00 in Tokyo (UTC+9): Monday 2026-03-09 09:00 JST is Monday 00:00 UTC
        TargetingRule.Window w = window(new Schedule(
                null, null, "Asia/Tokyo", List.of("mon", "TUESDAY", "WED", "THU", "FRI"), "09:00", "17:00"));
        assertThat(w.contains(Instant.parse("2026-03-09T00:00:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-08T23:59:00Z"))).isFalse(); // 08:59 Monday in Tokyo
        assertThat(w.contains(Instant.parse("2026-03-09T08:00:00Z"))).isFalse(); // 17:00 Monday in Tokyo
        // Friday 16:59 JST = Friday 07:59 UTC; Saturday 10:00 JST = Saturday 01:00 UTC
        assertThat(w.contains(Instant.parse("2026-03-13T07:59:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-14T01:00:00Z"))).isFalse();
        // Sunday 23:30 UTC is already Monday 08:30 in Tokyo: still before the window
        assertThat(w.contains(Instant.parse("2026-03-08T23:30:00Z"))).isFalse();
    }

    @Test
    void aWindowOverMidnightBelongsToTheDayItStarts() {
        // Fridays 22:00 to 02:00 in Paris (UTC+1 in winter)
        TargetingRule.Window w = window(new Schedule(null, null, "Europe/Paris", List.of("FRIDAY"), "22:00", "02:00"));
        assertThat(w.contains(Instant.parse("2026-01-16T21:00:00Z"))).isTrue(); // Fri 22:00 Paris
        assertThat(w.contains(Instant.parse("2026-01-17T00:30:00Z"))).isTrue(); // Sat 01:30 Paris
        assertThat(w.contains(Instant.parse("2026-01-17T01:00:00Z"))).isFalse(); // Sat 02:00 Paris
        assertThat(w.contains(Instant.parse("2026-01-16T00:30:00Z"))).isFalse(); // Fri 01:30 Paris (Thursday's night)
        assertThat(w.contains(Instant.parse("2026-01-17T21:30:00Z"))).isFalse(); // Sat 22:30 Paris
    }

    @Test
    void followsDaylightSavingTime() {
        // 09:00-10:00 New York: 14:00 UTC in winter, 13:00 UTC in summer (DST from 2026-03-08)
        TargetingRule.Window w = window(new Schedule(null, null, "America/New_York", null, "09:00", "10:00"));
        assertThat(w.contains(Instant.parse("2026-03-06T14:30:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-06T13:30:00Z"))).isFalse();
        assertThat(w.contains(Instant.parse("2026-03-10T13:30:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-03-10T14:30:00Z"))).isFalse();
    }

    @Test
    void aScheduledVariantNamesItsScheduleInTheRule() {
        TargetingRule rule = TargetingRule.of(new Targeting(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Schedule(Instant.parse("2026-03-01T00:00:00Z"), null, null, null, null, null)));
        assertThat(rule.match(Map.of(), RequestContext.EMPTY, Instant.parse("2026-03-02T00:00:00Z")))
                .contains("schedule");
        assertThat(rule.match(Map.of(), RequestContext.EMPTY, Instant.parse("2026-02-02T00:00:00Z")))
                .isEmpty();
    }
}
