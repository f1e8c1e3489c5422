package io.tailor.profile.domain;

import java.time.Instant;

/**
 * One consent choice as it arrived.
 *
 * @param purpose personalization, analytics or marketing_email
 * @param source where the shopper made it, e.g. cookie_banner, account_settings, unsubscribe_link, api
 */
public record ConsentRecord(
        String profileId, String purpose, boolean granted, String source, String eventId, Instant occurredAt) {}
