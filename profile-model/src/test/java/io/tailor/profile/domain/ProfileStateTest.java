package io.tailor.profile.domain;

import static io.tailor.profile.domain.Events.addToCart;
import static io.tailor.profile.domain.Events.line;
import static io.tailor.profile.domain.Events.order;
import static io.tailor.profile.domain.Events.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.ProfileSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileStateTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final ProfilePolicy POLICY = ProfilePolicy.DEFAULT;

    private static ProfileSnapshot at(ProfileState state, Instant now) {
        return state.snapshot("p", 1, null, List.of(), POLICY, now);
    }

    @Test
    void lifecycleMovesThroughEveryStageOverSimulatedTime() {
        ProfileState state = new ProfileState();
        state.apply(Events.landing("a", "s1", "google", "cpc", T0), POLICY);
        assertThat(at(state, T0).lifecycle()).isEqualTo(Lifecycle.NEW_VISITOR);

        state.apply(Events.landing("a", "s2", "google", "cpc", T0.plus(Duration.ofDays(1))), POLICY);
        assertThat(at(state, T0.plus(Duration.ofDays(1))).lifecycle()).isEqualTo(Lifecycle.ENGAGED);

        Instant firstOrder = T0.plus(Duration.ofDays(2));
        state.apply(order("a", null, "o1", firstOrder, line("p1", 1, 10)), POLICY);
        assertThat(at(state, firstOrder).lifecycle()).isEqualTo(Lifecycle.FIRST_PURCHASE);

        state.apply(order("a", null, "o2", firstOrder.plus(Duration.ofDays(10)), line("p1", 1, 10)), POLICY);
        assertThat(at(state, firstOrder.plus(Duration.ofDays(10))).lifecycle()).isEqualTo(Lifecycle.REPEAT);

        Instant lastOrder = firstOrder.plus(Duration.ofDays(50));
        for (int i = 3; i <= 5; i++) {
            state.apply(
                    order("a", null, "o" + i, firstOrder.plus(Duration.ofDays(10L * i)), line("p1", 1, 10)), POLICY);
        }
        assertThat(at(state, lastOrder).lifecycle()).isEqualTo(Lifecycle.LOYAL);
        assertThat(at(state, lastOrder.plus(Duration.ofDays(89))).lifecycle()).isEqualTo(Lifecycle.LOYAL);
        assertThat(at(state, lastOrder.plus(Duration.ofDays(90))).lifecycle()).isEqualTo(Lifecycle.LAPSING);
        assertThat(at(state, lastOrder.plus(Duration.ofDays(180))).lifecycle()).isEqualTo(Lifecycle.LAPSED);

        state.apply(order("a", null, "o6", lastOrder.plus(Duration.ofDays(200)), line("p1", 1, 10)), POLICY);
        assertThat(at(state, lastOrder.plus(Duration.ofDays(200))).lifecycle()).isEqualTo(Lifecycle.LOYAL);
    }

    @Test
    void interestHalvesEveryHalfLife() {
        DecayingScores scores = new DecayingScores();
        Duration halfLife = Duration.ofDays(14);
        scores.add("Kitchen", 4, T0, halfLife);
        assertThat(scores.at(T0.plus(halfLife), halfLife).get("Kitchen")).isCloseTo(2.0, within(1e-9));
        assertThat(scores.at(T0.plus(halfLife.multipliedBy(2)), halfLife).get("Kitchen"))
                .isCloseTo(1.0, within(1e-9));

        scores.add("Garden", 1, T0.plus(halfLife.multipliedBy(2)), halfLife);
        assertThat(scores.shares()).containsEntry("Kitchen", 0.5).containsEntry("Garden", 0.5);

        scores.add("Garden", 2, T0, halfLife);
        assertThat(scores.at(T0.plus(halfLife.multipliedBy(2)), halfLife).get("Garden"))
                .isCloseTo(1.5, within(1e-9));
    }

    @Test
    void recentInterestOutweighsOldInterestInTheProfile() {
        ProfileState state = new ProfileState();
        for (int i = 0; i < 3; i++) {
            state.apply(view("a", "k" + i, "Kitchen", 5, T0.minus(Duration.ofDays(60))), POLICY);
        }
        state.apply(view("a", "g1", "Garden", 5, T0), POLICY);
        assertThat(at(state, T0).categoryAffinity().get("Garden"))
                .isGreaterThan(at(state, T0).categoryAffinity().get("Kitchen"));
    }

    @Test
    void aCartCannotGrowWithoutBound() {
        ProfileState state = new ProfileState();
        for (int i = 0; i < ProfileState.MAX_CART_LINES; i++) {
            state.apply(addToCart("a", "p" + i, 1, 1, T0.plusSeconds(i)), POLICY);
        }
        assertThatThrownBy(() -> state.apply(addToCart("a", "one-too-many", 1, 1, T0.plusSeconds(999)), POLICY))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("oversized cart");
        assertThat(at(state, T0.plusSeconds(999)).cart().lines()).hasSize(ProfileState.MAX_CART_LINES);
        state.apply(addToCart("a", "p1", 1, 5, T0.plusSeconds(1000)), POLICY);
        assertThatThrownBy(() -> state.apply(addToCart("a", "p1", 1, 10_000, T0.plusSeconds(1001)), POLICY))
                .isInstanceOf(RejectedEvent.class);
    }

    @Test
    void consentChoicesAreRecordedWithTheirSource() {
        EventBatchApplier batch =
                new EventBatchApplier(java.util.Map.of(), java.util.Map.of(), () -> "p1", email -> email, POLICY);
        batch.apply(Events.consent("a", false, T0));
        assertThat(batch.consentRecords()).singleElement().satisfies(r -> {
            assertThat(r.profileId()).isEqualTo("p1");
            assertThat(r.purpose()).isEqualTo("personalization");
            assertThat(r.granted()).isFalse();
            assertThat(r.source()).isEqualTo("cookie_banner");
        });
    }

    @Test
    void aRejectedEventLeavesTheBatchAndIsReported() {
        EventBatchApplier batch =
                new EventBatchApplier(java.util.Map.of(), java.util.Map.of(), () -> "p1", email -> email, POLICY);
        for (int i = 0; i <= ProfileState.MAX_CART_LINES; i++) {
            batch.apply(addToCart("a", "p" + i, 1, 1, T0.plusSeconds(i)));
        }
        assertThat(batch.rejections()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("oversized cart"));
        assertThat(batch.changes(T0.plusSeconds(300))
                        .getFirst()
                        .profile()
                        .cart()
                        .lines())
                .hasSize(ProfileState.MAX_CART_LINES);
    }
}
