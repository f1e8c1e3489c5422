package io.tailor.contracts.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an event is about. Which fields apply depends on the type (see docs/events.md); fields that do not
 * apply are absent.
 *
 * @param productId product_view, add_to_cart, remove_from_cart
 * @param categoryPath product_view, category_view, cart events: top category first
 * @param query search: the shopper's query
 * @param resultCount search: how many results the store showed
 * @param orderId order_completed
 * @param lines order_completed, checkout_started: the order's lines
 * @param total order_completed: the order's total
 * @param messageId email_opened, email_clicked: the message id Tailor sent
 * @param campaign email_opened, email_clicked: the campaign of the message
 * @param email identify: the shopper's e-mail address (profile-service stores only its hash)
 * @param traits identify: traits such as accountType (retail, wholesale), priceTier, locale
 * @param consent consent_updated: purpose (personalization, analytics, marketing_email) to granted or not
 * @param consentSource consent_updated: where the choice was made, e.g. cookie_banner, account_settings
 */
public record EventProperties(
        String productId,
        List<String> categoryPath,
        String brand,
        BigDecimal price,
        String currency,
        Integer quantity,
        String query,
        Integer resultCount,
        String orderId,
        List<OrderLine> lines,
        BigDecimal total,
        String messageId,
        String campaign,
        String email,
        Map<String, String> traits,
        Map<String, Boolean> consent,
        String consentSource) {

    public static final EventProperties EMPTY = new EventProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}
