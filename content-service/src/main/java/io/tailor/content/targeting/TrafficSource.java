package io.tailor.content.targeting;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Utm;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies where a visit came from, from the landing URL's utm parameters and else the referrer: {@code email},
 * {@code paid_search}, {@code paid_social}, {@code social}, {@code display}, {@code affiliate}, {@code campaign}
 * (other tagged traffic), {@code organic_search}, {@code referral} or {@code direct}.
 */
public final class TrafficSource {

    public static final Set<String> ALL = Set.of(
            "email",
            "paid_search",
            "paid_social",
            "social",
            "display",
            "affiliate",
            "campaign",
            "organic_search",
            "referral",
            "direct");

    private static final Set<String> SOCIAL_SITES = Set.of(
            "facebook",
            "instagram",
            "tiktok",
            "twitter",
            "x",
            "t",
            "linkedin",
            "pinterest",
            "snapchat",
            "youtube",
            "fb",
            "ig",
            "meta",
            "reddit");
    private static final Set<String> SEARCH_SITES =
            Set.of("google", "bing", "yahoo", "duckduckgo", "ecosia", "baidu", "yandex", "qwant", "startpage");
    private static final Set<String> PAID = Set.of("cpc", "ppc", "paid", "paidsearch", "paid_search", "sem", "cpm");

    private TrafficSource() {}

    public static String of(RequestContext context) {
        Utm utm = context.utmOrNone();
        String medium = lower(utm.medium());
        String source = lower(utm.source());
        if (medium != null) {
            if (medium.equals("email") || medium.equals("e-mail") || medium.equals("newsletter")) {
                return "email";
            }
            if (medium.equals("paid_social") || medium.equals("paidsocial") || medium.equals("social_paid")) {
                return "paid_social";
            }
            if (PAID.contains(medium)) {
                return source != null && SOCIAL_SITES.contains(site(source)) ? "paid_social" : "paid_search";
            }
            if (medium.equals("social") || medium.equals("social-network") || medium.equals("social-media")) {
                return "social";
            }
            if (medium.equals("display") || medium.equals("banner")) {
                return "display";
            }
            if (medium.equals("affiliate") || medium.equals("partner")) {
                return "affiliate";
            }
        }
        if (medium != null || source != null || utm.campaign() != null) {
            return "campaign";
        }
        String referrer = context.referrer();
        if (referrer == null || referrer.isBlank()) {
            return "direct";
        }
        String host = host(referrer);
        if (host == null) {
            return "referral";
        }
        String site = site(host);
        if (SEARCH_SITES.contains(site)) {
            return "organic_search";
        }
        if (SOCIAL_SITES.contains(site)) {
            return "social";
        }
        return "referral";
    }

    /** The registrable name of a host or source: www.google.co.uk and google both give google. */
    static String site(String hostOrSource) {
        String[] labels = hostOrSource.toLowerCase(Locale.ROOT).split("\\.");
        for (String label : labels) {
            if (SEARCH_SITES.contains(label) || SOCIAL_SITES.contains(label)) {
                return label;
            }
        }
        return labels.length == 0 ? hostOrSource : labels[0];
    }

    private static String host(String referrer) {
        try {
            return URI.create(referrer.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
