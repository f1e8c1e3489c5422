package io.tailor.gateway.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How a decision's deadline is shared out: each call's deadline as configured, or else a share of the whole
 * deadline, so an operator who raises {@code gateway.decide.deadline} raises every call's with it.
 *
 * @param deadline the whole decision's
 * @param firstPhase profile and experiments together (consent and the global holdout)
 * @param offerMinimum below this much time left the offers call is not made
 * @param composeReserve kept for composing and writing the answer
 */
public record DecideBudget(
        Duration deadline,
        Duration firstPhase,
        Duration profile,
        Duration segment,
        Duration recommendation,
        Duration content,
        Duration experiment,
        Duration offer,
        Duration offerMinimum,
        Duration composeReserve) {

    public static DecideBudget of(GatewayConfig.Decide config) {
        Duration whole = config.deadline();
        return new DecideBudget(
                whole,
                share(config.firstPhaseDeadline(), whole, 40),
                share(config.profileDeadline(), whole, 50),
                share(config.segmentDeadline(), whole, 50),
                share(config.recommendationDeadline(), whole, 80),
                share(config.contentDeadline(), whole, 60),
                share(config.experimentDeadline(), whole, 50),
                share(config.offerDeadline(), whole, 60),
                config.offerMinimum(),
                config.composeReserve());
    }

    /** The configured value, or {@code percent} of the whole deadline. */
    static Duration share(Optional<Duration> configured, Duration whole, int percent) {
        return configured.orElseGet(() -> Duration.ofNanos(whole.toNanos() * percent / 100));
    }
}
