package io.tailor.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/** Triggered messages: delivery, caps, quiet hours and retries (CONTENT_MESSAGES_* in the environment). */
@ConfigMapping(prefix = "content.messages")
public interface MessagesConfig {

    /** The sender address of every journey e-mail. */
    @WithDefault("Tailor demo store <shop@tailor.local>")
    String from();

    /** Where shoppers reach the gateway: unsubscribe links point at {@code <publicUrl>/unsubscribe}. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /**
     * The HMAC key that signs unsubscribe links. Required in production (set CONTENT_MESSAGES_UNSUBSCRIBE_SECRET); a
     * changed key invalidates links already sent.
     */
    String unsubscribeSecret();

    /** At most this many journey messages reach one shopper within {@link #capWindow()}, across all journeys. */
    @WithDefault("3")
    int maxPerShopper();

    @WithDefault("P7D")
    Duration capWindow();

    /** Quiet hours in the shopper's time zone: no message is sent from {@code quietStart} to {@code quietEnd}. */
    @WithDefault("21:00")
    LocalTime quietStart();

    @WithDefault("08:00")
    LocalTime quietEnd();

    /** The time zone of shoppers whose zone is unknown. */
    @WithDefault("Europe/London")
    ZoneId defaultTimeZone();

    /** How often due journey steps and message retries are picked up. */
    @WithDefault("5s")
    Duration tick();

    /** Due steps claimed per tick and replica. */
    @WithDefault("200")
    int batchSize();

    /** Delivery attempts (template rendering and SMTP) before a message is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** The first retry's delay; each further retry doubles it. */
    @WithDefault("30s")
    Duration retryBackoff();

    /** How long the recommendation call that fills a message's products may take before the message goes without. */
    @WithDefault("2s")
    Duration recommendationTimeout();
}
