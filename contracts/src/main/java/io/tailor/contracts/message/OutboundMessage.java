package io.tailor.contracts.message;

import java.time.Instant;
import java.util.Map;

/**
 * A message a journey decided to send, published on {@code outbound-messages} (key = profile id). The sender renders
 * the template with the model and delivers it; a message id is delivered at most once.
 *
 * @param messageId unique per message; the sender's idempotency key
 * @param journey the journey that sent it
 * @param step the journey step (0-based)
 * @param channel how it is delivered; {@code email} today
 * @param to the address to deliver to
 * @param template the message template key
 * @param model what the template renders: shopper, products, unsubscribeUrl
 */
public record OutboundMessage(
        String messageId,
        String profileId,
        String customerId,
        String journey,
        int step,
        String channel,
        String to,
        String template,
        Map<String, Object> model,
        Instant createdAt) {

    public static final String EMAIL = "email";
}
