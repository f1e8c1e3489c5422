package io.tailor.content.targeting;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Who and when a variant is for: every condition given must hold; within a list, any one value is enough; an empty
 * targeting matches everyone. Stored as JSON (the variant's {@code targeting} column) and compiled into a
 * {@link TargetingRule} for decisions.
 *
 * @param segments the shopper is in at least one of these segments (segment-service keys)
 * @param trafficSources the visit's traffic source, as {@link TrafficSource} classifies it (e.g. paid_search, email)
 * @param utmSources utm_source of the landing URL (case-insensitive)
 * @param utmMediums utm_medium of the landing URL (case-insensitive)
 * @param utmCampaigns utm_campaign of the landing URL (case-insensitive)
 * @param devices the device class (desktop, mobile, tablet)
 * @param countries ISO 3166-1 alpha-2 country codes
 * @param pageTypes home, category, product, search, cart, checkout, landing, account, other
 * @param pagePaths URL paths: exact ({@code /landing/spring}) or a prefix ending in {@code *} ({@code /sale/*})
 * @param schedule when the variant may be shown
 */
// read and written by Jackson outside REST signatures (database JSON), so native images need it
@RegisterForReflection
public record Targeting(
        List<String> segments,
        List<String> trafficSources,
        List<String> utmSources,
        List<String> utmMediums,
        List<String> utmCampaigns,
        List<String> devices,
        List<String> countries,
        List<String> pageTypes,
        List<String> pagePaths,
        Schedule schedule) {

    public static final Targeting EVERYONE = new Targeting(null, null, null, null, null, null, null, null, null, null);

    /** Targeting with segments only. */
    public static Targeting segments(List<String> segments) {
        return new Targeting(segments, null, null, null, null, null, null, null, null, null);
    }

    /** Whether no condition is given. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEveryone() {
        return TargetingRule.of(this).specificity() == 0;
    }
}
