package io.tailor.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** gateway settings ({@code gateway.*}); the README's configuration table lists them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Events events();

    Decide decide();

    Keys keys();

    Demo demo();

    RateLimits rateLimits();

    /**
     * Token buckets in Redis: a request takes one token from its key's bucket and, for public (browser) keys, from its
     * client IP's bucket; an empty bucket answers 429 with Retry-After. Buckets refill at the rate per second up to
     * the burst.
     */
    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2000")
        double publicKeyPerSecond();

        @WithDefault("4000")
        double publicKeyBurst();

        @WithDefault("20")
        double perIpPerSecond();

        @WithDefault("60")
        double perIpBurst();

        @WithDefault("5000")
        double secretKeyPerSecond();

        @WithDefault("10000")
        double secretKeyBurst();
    }

    WarmUp warmUp();

    interface Demo {
        /** The public key the demo storefront served at / uses; unset (no demo) in production. */
        Optional<String> publicKey();
    }

    interface WarmUp {
        /**
         * Rounds of the five decide calls made before the gateway reports ready; 0 skips warming. The services warm
         * their own endpoints before they report ready (service-kit's SelfWarmUp), so this warms the gateway's side.
         */
        @WithDefault("400")
        int requests();

        /** The longest warming may take before the gateway reports ready anyway. */
        @WithDefault("PT90S")
        Duration maxDuration();
    }

    interface Events {
        /** Events in one request. */
        @WithDefault("500")
        int maxBatch();

        /** Bytes in one request body. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** How long an accepted event id is remembered to answer repeats as duplicates. */
        @WithDefault("P1D")
        Duration dedupeWindow();

        /**
         * How long a request waits for Kafka to acknowledge its events; then it is answered 503 with Retry-After and
         * nothing of it counts as accepted (the producer may still deliver it: resending the same event ids is safe,
         * profile-service applies each event id once).
         */
        @WithDefault("PT10S")
        Duration publishTimeout();
    }

    interface Decide {
        /** The whole decision's deadline; no decision takes longer. */
        @WithDefault("50ms")
        Duration deadline();

        /**
         * Each service's deadline, capped by what is left of the whole one. Unset, each is a share of
         * {@link #deadline()} ({@link DecideBudget}): profile, segment and experiment half of it, content and offers
         * 60%, recommendations 80% — 25, 25, 25, 30, 30 and 40 ms of the default 50 ms — so raising the deadline
         * alone raises every call's.
         */
        Optional<Duration> profileDeadline();

        Optional<Duration> segmentDeadline();

        Optional<Duration> recommendationDeadline();

        Optional<Duration> contentDeadline();

        Optional<Duration> experimentDeadline();

        /**
         * The offers call's deadline (content-service, which reads the offer windows and writes the audit log). When
         * recommended products are priced it starts once recommendations are in, so it gets what is left.
         */
        Optional<Duration> offerDeadline();

        /**
         * Below this much time left when the offers call would start (recommendations were slow), it is not made:
         * the page gets regular prices, and the offers circuit breaker does not count a call that could not succeed.
         */
        @WithDefault("5ms")
        Duration offerMinimum();

        /**
         * How long the first phase (profile and experiments: consent and the global holdout) may take; the second
         * phase gets what remains of the decision's deadline. Unset, 40% of {@link #deadline()} (20 ms of 50).
         */
        Optional<Duration> firstPhaseDeadline();

        /**
         * Kept in reserve between the calls' timeouts and the decision's deadline, for composing and writing the
         * answer. It must also cover a late timer: on the co-located 2-core test machine, answers came up to 9 ms
         * after their timeouts were due when the machine was busy (docs/adr/0008).
         */
        @WithDefault("10ms")
        Duration composeReserve();

        /** Placements in one request. */
        @WithDefault("10")
        int maxPlacements();

        /** Slots in one request. */
        @WithDefault("10")
        int maxSlots();
    }

    interface Keys {
        /** Whether /v1 calls need an API key (X-Tailor-Key). */
        @WithDefault("true")
        boolean required();

        /** A public (storefront) key to create at start if absent; from GATEWAY_PUBLIC_KEY. */
        Optional<String> bootstrapPublic();

        /** A secret (admin and server-side) key to create at start if absent; from GATEWAY_SECRET_KEY. */
        Optional<String> bootstrapSecret();

        /** How often keys are re-read from the database (revocations take effect within this). */
        @WithDefault("PT30S")
        Duration refresh();
    }
}
