package io.tailor.contracts.event;

/**
 * Where and how an event happened.
 *
 * @param device desktop, mobile or tablet
 * @param locale a BCP 47 language tag, e.g. en-GB
 * @param country an ISO 3166-1 alpha-2 code, e.g. GB
 * @param timeZone an IANA zone id, e.g. Europe/London (for quiet hours of messages)
 */
public record EventContext(
        PageInfo page, Utm utm, String device, String userAgent, String locale, String country, String timeZone) {

    public static final EventContext EMPTY = new EventContext(null, null, null, null, null, null, null);
}
