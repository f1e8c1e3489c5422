package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import io.tailor.contracts.Topics;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileDigest;
import io.tailor.devstack.TopicClient;
import io.tailor.recommendation.repository.SessionViewStore;
import io.tailor.recommendation.service.SessionDataEraser;
import io.tailor.recommendation.service.SessionModel;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Product views by session, through Kafka and PostgreSQL, become "next in session" recommendations. */
@QuarkusTest
class SessionRecommendationTest {

    @Inject
    SessionViewStore store;

    @Inject
    SessionModel model;

    @Inject
    SessionDataEraser eraser;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Test
    void shoppersWhoViewedAThenViewedBAndSoDoesTheNextOne() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "sa-" + run, b = "sb-" + run, c = "sc-" + run;
        given().contentType("application/json")
                .body("[" + product(a, "Fig candle") + "," + product(b, "Fig diffuser") + "," + product(c, "Matches")
                        + "]")
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(3));

        // five sessions view a then b, two view a then c
        List<Map.Entry<String, String>> events = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(600);
        for (int s = 0; s < 7; s++) {
            String shopper = "shopper-" + run + "-" + s;
            String then = s < 5 ? b : c;
            events.add(view(shopper, "session-" + run + "-" + s, a, start.plusSeconds(s * 10L)));
            events.add(view(shopper, "session-" + run + "-" + s, then, start.plusSeconds(s * 10L + 5)));
        }
        try (TopicClient kafka =
                new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.sendAll(Topics.SHOPPER_EVENTS, events);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> viewsOf(run) == 14);
        model.rebuild().await().atMost(Duration.ofSeconds(30));

        String request =
                """
                {"shopper":{"anonymousId":"new-%s"},"context":{"pageType":"product","productId":"%s"},
                 "placements":[{"placement":"next_in_session","limit":4}]}
                """
                        .formatted(run, a);
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items[0].productId", equalTo(b))
                .body("placements[0].items[0].strategy", equalTo("session_next"))
                .body("placements[0].items[0].reason", equalTo("Shoppers who viewed Fig candle went on to view this"))
                .body("placements[0].items[1].productId", equalTo(c))
                .body("placements[0].items.productId", not(hasItem(a)));

        // erasing one shopper removes their views
        eraser.erase(new PrivacyRequest(
                        UUID.randomUUID().toString(),
                        PrivacyRequest.Kind.ERASE,
                        "p-" + run,
                        null,
                        List.of("shopper-" + run + "-0"),
                        Instant.now()))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(viewsOf(run)).isEqualTo(12);
    }

    @Test
    void theViewsOfAShopperWhoRefusedPersonalizationAreNotKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String refuser = "refuser-" + run;
        String profileId = "p-" + run;
        ProfileDigest digest = new ProfileDigest(
                profileId, 3, false, new ConsentState(false, true, false, Instant.now()), Map.of(), 1, 2, 0, null);
        redis.value(String.class).set(HotState.anonymousAlias(refuser), profileId);
        redis.hash(String.class)
                .hset(HotState.profile(profileId), HotState.PROFILE_DIGEST_FIELD, mapper.writeValueAsString(digest));

        Instant at = Instant.now().minusSeconds(60);
        try (TopicClient kafka =
                new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.sendAll(
                    Topics.SHOPPER_EVENTS,
                    List.of(
                            sameKey(refuser, view(refuser, "session-" + run + "-refused", "x-1", at)),
                            sameKey(refuser, view(refuser, "session-" + run + "-refused", "x-2", at.plusSeconds(5))),
                            sameKey(refuser, view("consenting-" + run, "session-" + run + "-ok", "x-1", at)),
                            sameKey(
                                    refuser,
                                    view("consenting-" + run, "session-" + run + "-ok", "x-2", at.plusSeconds(5)))));
        }
        // one Kafka key, so one partition: the consenting shopper's views are consumed after the refuser's...
        await().atMost(Duration.ofSeconds(60)).until(() -> viewsOf(run) >= 2);
        // ...and the refuser's never do
        assertThat(recentViews().stream()
                        .map(SessionViewStore.SessionView::sessionId)
                        .filter(s -> s.startsWith("session-" + run))
                        .distinct()
                        .toList())
                .containsExactly("session-" + run + "-ok");
    }

    @Test
    void aRebuildReadsTheViewsAPageAtATimeAndKeepsEverySessionWhole() {
        // more views than one cursor page holds (2,000), in sessions of five that straddle the page boundaries
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minusSeconds(3_600);
        List<SessionViewStore.SessionView> stored = new ArrayList<>();
        for (int s = 0; s < 1_001; s++) {
            for (int v = 0; v < 5; v++) {
                stored.add(new SessionViewStore.SessionView(
                        UUID.randomUUID().toString(),
                        "page-" + run + "-" + s,
                        "p-" + run + "-" + ((s + v) % 40),
                        start.plusSeconds(s + v * 2_000L),
                        "pager-" + run + "-" + s,
                        null));
            }
        }
        store.record(stored).await().atMost(Duration.ofSeconds(30));

        List<SessionViewStore.SessionView> read = recentViews().stream()
                .filter(view -> view.sessionId().startsWith("page-" + run + "-"))
                .toList();
        assertThat(read).hasSize(5_005);
        for (int i = 0; i < read.size(); i += 5) {
            List<SessionViewStore.SessionView> session = read.subList(i, i + 5);
            assertThat(session)
                    .extracting(SessionViewStore.SessionView::sessionId)
                    .containsOnly(session.get(0).sessionId());
            assertThat(session)
                    .extracting(SessionViewStore.SessionView::viewedAt)
                    .isSorted();
        }
        model.rebuild().await().atMost(Duration.ofSeconds(60));
        assertThat(model.sessions()).isGreaterThanOrEqualTo(1_001);
        // every session of the run viewed the next products of the forty after its first
        assertThat(model.next(List.of("p-" + run + "-0"), Instant.now(), 4))
                .isNotEmpty()
                .allMatch(product -> product.startsWith("p-" + run + "-"));
    }

    /** The record under the refuser's key, so all of them land in one partition, in order. */
    private static Map.Entry<String, String> sameKey(String shopper, Map.Entry<String, String> record) {
        return Map.entry("a:" + shopper, record.getValue());
    }

    private List<SessionViewStore.SessionView> recentViews() {
        List<SessionViewStore.SessionView> views = new ArrayList<>();
        store.stream(Instant.now().minus(Duration.ofDays(1)), 1_000_000, views::add)
                .await()
                .atMost(Duration.ofSeconds(10));
        return views;
    }

    private long viewsOf(String run) {
        return recentViews().stream()
                .filter(v -> v.sessionId().startsWith("session-" + run))
                .count();
    }

    private static Map.Entry<String, String> view(String shopper, String session, String product, Instant at) {
        return Map.entry(
                "a:" + shopper,
                """
                {"eventId":"%s","type":"product_view","occurredAt":"%s","anonymousId":"%s","sessionId":"%s",
                 "properties":{"productId":"%s"}}
                """
                        .formatted(UUID.randomUUID(), at, shopper, session, product));
    }

    private static String product(String id, String title) {
        return """
                {"id":"%s","title":"%s","categoryPath":["Home","Candles"],"price":4.5,"currency":"GBP","stock":9}
                """
                .formatted(id, title);
    }
}
