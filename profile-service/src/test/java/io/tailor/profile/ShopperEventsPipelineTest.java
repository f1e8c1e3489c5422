package io.tailor.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.devstack.TopicClient;
import io.tailor.profile.domain.Events;
import io.tailor.profile.domain.ProfileRecord;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** shopper-events in Kafka → profile in PostgreSQL and Redis → profile-changes, on the real dev stack. */
@QuarkusTest
class ShopperEventsPipelineTest {

    private static final ObjectMapper JSON = TailorJson.mapper();
    private static TopicClient kafka;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void connect() {
        kafka = new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static void send(ShopperEvent event) throws Exception {
        kafka.send(Topics.SHOPPER_EVENTS, "a:" + event.anonymousId(), JSON.writeValueAsString(event));
    }

    @Test
    void eventsBecomeAProfileInPostgresAndRedisAndAChangeOnKafka() throws Exception {
        String anonymousId = "anon-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (TopicClient.Watcher changes = kafka.watch(Topics.PROFILE_CHANGES)) {
            send(Events.landing(anonymousId, "s1", "facebook", "paid_social", now.minusSeconds(30)));
            send(Events.view(anonymousId, "p-1", "kitchen", 4.5, now.minusSeconds(20)));
            send(Events.addToCart(anonymousId, "p-1", 4.5, 2, now.minusSeconds(10)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                    .get("/v1/profiles")
                    .then()
                    .statusCode(200)
                    .body("productViews", equalTo(1))
                    .body("cart.lines", hasSize(1))
                    .body("latestTouch.medium", equalTo("paid_social")));

            String profileId = given().queryParam("anonymousId", anonymousId)
                    .get("/v1/profiles/summary")
                    .then()
                    .statusCode(200)
                    .body("found", equalTo(true))
                    .body("personalizationAllowed", equalTo(true))
                    .extract()
                    .path("profileId");

            ConsumerRecord<String, String> change = changes.await(
                    r -> profileId.equals(r.key()) && r.value().contains("add_to_cart"), Duration.ofSeconds(30));
            ProfileChange published = JSON.readValue(change.value(), ProfileChange.class);
            assertThat(published.profile().cart().lines()).hasSize(1);
            assertThat(published.profile().anonymousIds()).containsExactly(anonymousId);

            given().get("/v1/profiles/" + profileId).then().statusCode(200).body("profileId", equalTo(profileId));
        }
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String anonymousId = "anon-" + UUID.randomUUID();
        ShopperEvent view =
                Events.view(anonymousId, "p-1", "kitchen", 4.5, Instant.now().minusSeconds(5));
        send(view);
        send(view);
        send(Events.view(anonymousId, "p-2", "kitchen", 4.5, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("productViews", equalTo(2)));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndTheStreamCarriesOn() throws Exception {
        String anonymousId = "anon-" + UUID.randomUUID();
        try (TopicClient.Watcher dlq = kafka.watch(Topics.SHOPPER_EVENTS_DLQ)) {
            kafka.send(Topics.SHOPPER_EVENTS, "a:" + anonymousId, "{not json");
            ShopperEvent negative = Events.event(
                    io.tailor.contracts.event.EventType.ADD_TO_CART,
                    anonymousId,
                    null,
                    Instant.now(),
                    Events.product("p-1", "home", -3, 1));
            send(negative);
            send(Events.view(anonymousId, "p-3", "garden", 9, Instant.now()));

            ConsumerRecord<String, String> unreadable =
                    dlq.await(r -> "{not json".equals(r.value()), Duration.ofSeconds(30));
            assertThat(new String(unreadable.headers().lastHeader("dlq-reason").value()))
                    .contains("unreadable");
            ConsumerRecord<String, String> invalid =
                    dlq.await(r -> r.value().contains(negative.eventId()), Duration.ofSeconds(30));
            assertThat(new String(invalid.headers().lastHeader("dlq-reason").value()))
                    .contains("properties.price: must not be negative");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("productViews", equalTo(1))
                .body("cart.lines", hasSize(0)));
    }

    @Test
    void loggingInFoldsTheAnonymousHistoryIntoTheCustomer() throws Exception {
        String anonymousId = "anon-" + UUID.randomUUID();
        String customerId = "cust-" + UUID.randomUUID();
        send(Events.view(anonymousId, "p-1", "kitchen", 4.5, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200));
        String anonymousProfile = given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .path("profileId");

        send(Events.identify(anonymousId, customerId, null, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("customerId", customerId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo(customerId))
                .body("productViews", equalTo(1))
                .body("traits.accountType", equalTo("retail")));
        given().get("/v1/profiles/" + anonymousProfile).then().statusCode(200).body("customerId", equalTo(customerId));
    }

    @Test
    void aProfileWithManyBrowsersKeepsThemAllThroughAMerge() throws Exception {
        // One e-mail used from 30 browsers: a profile with more anonymous ids than the pipeline loads per event.
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        List<String> browsers = IntStream.range(0, 30)
                .mapToObj(i -> "anon-" + UUID.randomUUID())
                .toList();
        send(Events.identify(browsers.getFirst(), null, email, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("anonymousId", browsers.getFirst())
                        .get("/v1/profiles")
                        .then()
                        .statusCode(200));
        for (String browser : browsers.subList(1, browsers.size())) {
            send(Events.identify(browser, null, email, Instant.now()));
        }
        String shared = given().queryParam("anonymousId", browsers.getFirst())
                .get("/v1/profiles")
                .path("profileId");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IdentityAssertions.anonymousIdentities(shared))
                        .hasSize(30));

        // The oldest browser is not among the 20 ids the snapshot carries; when its alias has expired from the hot
        // state, its next event writes it again.
        redis.key().del(HotState.anonymousAlias(browsers.getFirst()));
        send(Events.view(browsers.getFirst(), "p-2", "home", 3, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("anonymousId", browsers.getFirst())
                        .get("/v1/profiles/summary")
                        .then()
                        .statusCode(200)
                        .body("profileId", equalTo(shared)));

        // The shopper logs in to an existing account: the shared profile, only partly loaded, is merged into it.
        String customerId = "cust-" + UUID.randomUUID();
        String accountBrowser = "anon-" + UUID.randomUUID();
        send(Events.event(
                EventType.PRODUCT_VIEW,
                accountBrowser,
                customerId,
                Instant.now(),
                Events.product("p-1", "home", 5, null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("customerId", customerId)
                .get("/v1/profiles")
                .then()
                .statusCode(200));
        String account =
                given().queryParam("customerId", customerId).get("/v1/profiles").path("profileId");
        send(Events.identify(browsers.getLast(), customerId, null, Instant.now()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IdentityAssertions.anonymousIdentities(account))
                        .hasSize(31));
        IdentityAssertions.awaitResolveOnHotPath(browsers, account, Duration.ofSeconds(30));
        given().get("/v1/profiles/" + account)
                .then()
                .statusCode(200)
                .body("anonymousIds", hasSize(ProfileRecord.RECENT_PER_KIND));
    }

    @Test
    void unknownProfilesAndMissingIdentitiesAreProblems() {
        given().get("/v1/profiles/does-not-exist")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/v1/profiles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("anonymousId"));
    }
}
