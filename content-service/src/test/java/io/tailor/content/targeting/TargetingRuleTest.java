package io.tailor.content.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Utm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetingRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static RequestContext page(String pageType, String url, Utm utm, String referrer, String device, String country) {
        return new RequestContext(pageType, url, null, null, null, null, utm, referrer, device, country, null);
    }

    static Targeting targeting(
            List<String> segments, List<String> campaigns, List<String> devices, List<String> pagePaths) {
        return new Targeting(segments, null, null, null, campaigns, devices, null, null, pagePaths, null);
    }

    @Test
    void namesEveryConditionThatMatchedInAFixedOrder() {
        TargetingRule rule = TargetingRule.of(
                targeting(List.of("vip", "repeat-customer"), List.of("Spring-Sale"), List.of("mobile"), null));
        RequestContext ctx =
                page("home", "/", new Utm("google", "cpc", "spring-sale", null, null), null, "MOBILE", "FR");

        assertThat(rule.match(Map.of("repeat-customer", 1), ctx, NOW))
                .contains("utm_campaign=Spring-Sale & segment=repeat-customer & device=mobile");
        assertThat(rule.match(Map.of(), ctx, NOW)).isEmpty();
        assertThat(rule.match(Map.of("vip", 1), page("home", "/", null, null, "mobile", "FR"), NOW))
                .isEmpty();
        assertThat(rule.specificity()).isEqualTo(3);
        assertThat(TargetingRule.EVERYONE.match(Map.of(), RequestContext.EMPTY, NOW))
                .contains("everyone");
    }

    @Test
    void matchesCountriesPageTypesAndPaths() {
        TargetingRule rule = TargetingRule.of(new Targeting(
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("fr", "BE"),
                List.of("landing"),
                List.of("/lp/spring*"),
                null));
        assertThat(rule.match(
                        Map.of(),
                        page("landing", "https://shop.example/lp/spring-2026?utm_source=x", null, null, null, "FR"),
                        NOW))
                .contains("country=fr & page_type=landing & page_path=/lp/spring*");
        assertThat(rule.match(Map.of(), page("landing", "/lp/autumn", null, null, null, "FR"), NOW))
                .isEmpty();
        assertThat(rule.match(Map.of(), page("landing", "/lp/spring", null, null, null, "DE"), NOW))
                .isEmpty();
        assertThat(TargetingRule.pathMatches("/sale", "/sale/")).isTrue();
        assertThat(TargetingRule.pathMatches("/sale", "/sales")).isFalse();
    }

    @Test
    void classifiesTrafficSources() {
        assertThat(TrafficSource.of(page(null, null, new Utm("google", "cpc", null, null, null), null, null, null)))
                .isEqualTo("paid_search");
        assertThat(TrafficSource.of(page(null, null, new Utm("facebook", "cpc", null, null, null), null, null, null)))
                .isEqualTo("paid_social");
        assertThat(TrafficSource.of(
                        page(null, null, new Utm("newsletter", "email", "w12", null, null), null, null, null)))
                .isEqualTo("email");
        assertThat(TrafficSource.of(page(null, null, null, "https://www.google.co.uk/search?q=x", null, null)))
                .isEqualTo("organic_search");
        assertThat(TrafficSource.of(page(null, null, null, "https://l.instagram.com/", null, null)))
                .isEqualTo("social");
        assertThat(TrafficSource.of(page(null, null, null, "https://blog.example.org/post", null, null)))
                .isEqualTo("referral");
        assertThat(TrafficSource.of(RequestContext.EMPTY)).isEqualTo("direct");

        TargetingRule paidSocial = TargetingRule.of(
                new Targeting(null, List.of("paid_social"), null, null, null, null, null, null, null, null));
        assertThat(paidSocial.match(
                        Map.of(),
                        page(null, null, new Utm("tiktok", "paid_social", null, null, null), null, null, null),
                        NOW))
                .contains("traffic_source=paid_social");
        assertThat(paidSocial.match(
                        Map.of(), page(null, null, new Utm("google", "cpc", null, null, null), null, null, null), NOW))
                .isEmpty();
    }
}
