package io.tailor.content.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapStateTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void oncePerSessionAllowsTheNextShowAfterThirtyIdleMinutes() {
        FrequencyCap oncePerSession = new FrequencyCap(1, null, null, null);
        CapState state = CapState.NONE;
        assertThat(state.allows(oncePerSession, T0)).isTrue();
        state = state.shown(T0);
        assertThat(state.allows(oncePerSession, T0.plus(Duration.ofMinutes(29))))
                .isFalse();
        assertThat(state.allows(oncePerSession, T0.plus(Duration.ofMinutes(30))))
                .isTrue();
        assertThat(state.shown(T0.plus(Duration.ofMinutes(45))).sessionShows()).isEqualTo(1);
    }

    @Test
    void theRollingWindowCapsShowsAcrossSessions() {
        FrequencyCap threeAWeek = new FrequencyCap(null, 3, 7, null);
        assertThat(new CapState(0, Instant.EPOCH, 2, Map.of()).allows(threeAWeek, T0))
                .isTrue();
        assertThat(new CapState(0, Instant.EPOCH, 3, Map.of()).allows(threeAWeek, T0))
                .isFalse();
    }

    @Test
    void dismissalsRunUntilTheirEndAndStateIsReadFromTheStoredHash() {
        CapState state = CapState.of(
                Map.of(
                        CapState.SESSION_SHOWS,
                        "2",
                        CapState.SESSION_END,
                        Long.toString(T0.plusSeconds(60).toEpochMilli()),
                        CapState.DISMISSED_PREFIX + "welcome",
                        Long.toString(T0.plus(Duration.ofDays(30)).toEpochMilli()),
                        "garbage",
                        "x",
                        CapState.DISMISSED_PREFIX + "broken",
                        "not-a-number"),
                1);
        assertThat(state.sessionShowsAt(T0)).isEqualTo(2);
        assertThat(state.dismissed("welcome", T0.plus(Duration.ofDays(29)))).isTrue();
        assertThat(state.dismissed("welcome", T0.plus(Duration.ofDays(30)))).isFalse();
        assertThat(state.dismissed("broken", T0)).isFalse();
        assertThat(CapState.ttl(new FrequencyCap(1, 3, 60, 14))).isEqualTo(Duration.ofDays(60));
        assertThat(CapState.ttl(new FrequencyCap(1, null, null, null))).isEqualTo(Duration.ofDays(30));
    }
}
