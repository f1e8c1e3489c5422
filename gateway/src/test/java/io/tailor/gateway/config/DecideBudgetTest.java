package io.tailor.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecideBudgetTest {

    @Test
    void unsetCallDeadlinesAreSharesOfTheWholeOne() {
        DecideBudget budget = DecideBudget.of(config(Duration.ofMillis(50), Map.of()));
        assertThat(budget.firstPhase()).isEqualTo(Duration.ofMillis(20));
        assertThat(budget.profile()).isEqualTo(Duration.ofMillis(25));
        assertThat(budget.segment()).isEqualTo(Duration.ofMillis(25));
        assertThat(budget.experiment()).isEqualTo(Duration.ofMillis(25));
        assertThat(budget.content()).isEqualTo(Duration.ofMillis(30));
        assertThat(budget.offer()).isEqualTo(Duration.ofMillis(30));
        assertThat(budget.recommendation()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void raisingTheDeadlineRaisesEveryCallUnlessOneIsSet() {
        DecideBudget budget = DecideBudget.of(
                config(Duration.ofMillis(250), Map.of("recommendationDeadline", Duration.ofMillis(90))));
        assertThat(budget.firstPhase()).isEqualTo(Duration.ofMillis(100));
        assertThat(budget.profile()).isEqualTo(Duration.ofMillis(125));
        assertThat(budget.content()).isEqualTo(Duration.ofMillis(150));
        assertThat(budget.recommendation()).isEqualTo(Duration.ofMillis(90));
        assertThat(budget.offerMinimum()).isEqualTo(Duration.ofMillis(5));
        assertThat(budget.composeReserve()).isEqualTo(Duration.ofMillis(10));
    }

    /** The decide settings with the given deadline and per-call deadlines; the rest at their defaults. */
    private static GatewayConfig.Decide config(Duration deadline, Map<String, Duration> set) {
        return (GatewayConfig.Decide) Proxy.newProxyInstance(
                GatewayConfig.Decide.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.Decide.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "deadline" -> deadline;
                    case "offerMinimum" -> Duration.ofMillis(5);
                    case "composeReserve" -> Duration.ofMillis(10);
                    case "maxPlacements", "maxSlots" -> 10;
                    default -> Optional.ofNullable(set.get(method.getName()));
                });
    }
}
