package io.tailor.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.contracts.HotState;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.profile.domain.Events;
import io.tailor.profile.service.ProfileService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Merges within one batch, on PostgreSQL and Redis: batches are handed to the pipeline directly, so what shares a
 * batch is certain (through Kafka it depends on how the consumer polls).
 */
@QuarkusTest
class MergeChainBatchTest {

    @Inject
    ProfileService pipeline;

    @Inject
    RedisDataSource redis;

    private void apply(List<ShopperEvent> batch) {
        pipeline.process(batch).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aSavedProfileMergedTwiceInOneBatchLandsWithItsBrowsersAndConsentOnTheLastSurvivor() {
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now().minusSeconds(60);
        // pa: 25 browsers on one e-mail (more than the 20 an event loads), with a consent choice
        List<String> browsers = browsers("b", 25, run);
        List<ShopperEvent> first = new ArrayList<>();
        browsers.forEach(b -> first.add(Events.identify(b, null, "pa-" + run + "@example.com", t)));
        first.add(Events.consent(browsers.getFirst(), true, t.plusSeconds(1)));
        apply(first);
        // pc: a customer's profile
        String customerId = "c-" + run;
        String pc = customersProfile(customerId, "home-" + run, t.plusSeconds(2));
        String pa = profileOf(browsers.getFirst());

        // one batch: a new profile takes pa in, is itself merged into pc, then an old browser of pa is seen
        String fresh = "new-" + run;
        apply(List.of(
                Events.identify(fresh, null, "new-" + run + "@example.com", t.plusSeconds(10)),
                Events.identify(browsers.getFirst(), null, "new-" + run + "@example.com", t.plusSeconds(11)),
                Events.event(
                        EventType.PRODUCT_VIEW,
                        fresh,
                        customerId,
                        t.plusSeconds(12),
                        Events.product("p-2", "home", 5, null)),
                Events.view(browsers.getLast(), "p-3", "home", 5, t.plusSeconds(13))));

        JsonPath export = IdentityAssertions.export(pc);
        List<String> anonymous = IdentityAssertions.anonymousIdentities(pc);
        assertThat(anonymous)
                .containsAll(browsers)
                .contains(fresh, "home-" + run)
                .hasSize(27);
        assertThat(export.getList("merges.mergedId", String.class)).containsExactly(pa);
        assertThat(export.getList("merges.survivorId", String.class)).containsExactly(pc);
        assertThat(export.getList("consentHistory.purpose", String.class)).contains("personalization");
        assertThat(export.getInt("profile.productViews")).isEqualTo(3);
        // the merged id resolves to the survivor, and every browser does on the hot path
        given().get("/v1/profiles/" + pa).then().statusCode(200).body("profileId", equalTo(pc));
        IdentityAssertions.awaitResolveOnHotPath(browsers, pc, Duration.ofSeconds(10));
    }

    @Test
    void aMergedProfileWithThousandsOfBrowsersPublishesEveryAliasAndARedeliveryWritesThemAgain() {
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now().minusSeconds(60);
        // pa: a shared login's 2,100 browsers, more than one Redis connection's 2,048 reply slots
        List<String> browsers = browsers("k", 2100, run);
        for (int from = 0; from < browsers.size(); from += 500) {
            apply(browsers.subList(from, Math.min(browsers.size(), from + 500)).stream()
                    .map(b -> Events.identify(b, null, "kiosk-" + run + "@example.com", t))
                    .toList());
        }
        String customerId = "c-" + run;
        String pc = customersProfile(customerId, "home-" + run, t.plusSeconds(2));
        List<ShopperEvent> merge = List.of(Events.event(
                EventType.PRODUCT_VIEW,
                browsers.getFirst(),
                customerId,
                t.plusSeconds(10),
                Events.product("p-2", "home", 5, null)));

        apply(merge);

        assertThat(IdentityAssertions.anonymousIdentities(pc)).containsAll(browsers);
        assertThat(aliasesOf(browsers)).hasSize(browsers.size()).containsOnly(pc);

        // The delivery committed, but its publish never reached Redis; Kafka hands the batch over again.
        redis.key().del(browsers.stream().map(HotState::anonymousAlias).toArray(String[]::new));
        apply(merge);

        assertThat(aliasesOf(browsers)).hasSize(browsers.size()).containsOnly(pc);
    }

    private static List<String> browsers(String prefix, int count, String run) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + run).toList();
    }

    /** Creates a customer's profile with a product view from {@code browser}, and returns its id. */
    private String customersProfile(String customerId, String browser, Instant at) {
        apply(List.of(
                Events.event(EventType.PRODUCT_VIEW, browser, customerId, at, Events.product("p-1", "home", 5, null))));
        return profileOf(browser);
    }

    /** The profile each browser's hot alias points at (browsers without one are left out). */
    private List<String> aliasesOf(List<String> browsers) {
        return redis
                .value(String.class)
                .mget(browsers.stream().map(HotState::anonymousAlias).toArray(String[]::new))
                .values()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private static String profileOf(String anonymousId) {
        return given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .extract()
                .path("profileId");
    }
}
