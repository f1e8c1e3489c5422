package io.tailor.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.privacy.PrivacyResult;
import io.tailor.devstack.TopicClient;
import io.tailor.profile.domain.Events;
import io.tailor.profile.domain.ProfileState;
import io.tailor.profile.service.PrivacyService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consent, traits, merges, export, erasure across services, dead letters and retention, on the real dev stack. */
@QuarkusTest
class PrivacyAndConsentTest {

    private static final ObjectMapper JSON = TailorJson.mapper();
    private static TopicClient kafka;

    @Inject
    PrivacyService privacy;

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

    /** A shopper with one product view; returns their profile id. */
    private static String shopper(String anonymousId, Instant at) throws Exception {
        send(Events.view(anonymousId, "p-1", "Kitchen", 4.5, at));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200));
        return given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .path("profileId");
    }

    @Test
    void withdrawingConsentIsRecordedAndStopsPersonalization() throws Exception {
        String anonymousId = "a-" + UUID.randomUUID();
        String id = shopper(anonymousId, Instant.now().minusSeconds(60));

        given().contentType("application/json")
                .body("{\"personalization\":false,\"source\":\"account_settings\"}")
                .put("/v1/profiles/" + id + "/consent")
                .then()
                .statusCode(202)
                .body("eventId", notNullValue());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/profiles/" + id)
                .then()
                .statusCode(200)
                .body("consent.personalization", equalTo(false))
                .body("recentlyViewed", hasSize(0))
                .body("categoryAffinity.size()", equalTo(0)));
        given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles/summary")
                .then()
                .statusCode(200)
                .body("personalizationAllowed", equalTo(false));

        send(Events.view(anonymousId, "p-2", "Garden", 9, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/profiles/" + id)
                .then()
                .body("productViews", equalTo(2))
                .body("recentlyViewed", hasSize(0)));

        given().get("/v1/profiles/" + id + "/export")
                .then()
                .statusCode(200)
                .body("consentHistory[0].purpose", equalTo("personalization"))
                .body("consentHistory[0].granted", equalTo(false))
                .body("consentHistory[0].source", equalTo("account_settings"))
                .body("identities.value", hasItem(anonymousId));
    }

    @Test
    void traitsAndMergeHistoryAreQueryable() throws Exception {
        String anonymousId = "a-" + UUID.randomUUID();
        String customerId = "c-" + UUID.randomUUID();
        String customerProfile = shopper("b-" + UUID.randomUUID(), Instant.now().minusSeconds(120));
        send(Events.identify(
                given().get("/v1/profiles/" + customerProfile).path("anonymousIds[0]"),
                customerId,
                null,
                Instant.now().minusSeconds(100)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("customerId", customerId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("profileId", equalTo(customerProfile)));

        String anonymousProfile = shopper(anonymousId, Instant.now().minusSeconds(90));
        send(Events.identify(
                anonymousId, customerId, "Buyer@Example.com", Instant.now().minusSeconds(30)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/v1/profiles/" + customerProfile + "/merges")
                        .then()
                        .statusCode(200)
                        .body("mergedId", hasItem(anonymousProfile)));

        given().contentType("application/json")
                .body("{\"traits\":{\"accountType\":\"wholesale\",\"priceTier\":\"trade\"}}")
                .patch("/v1/profiles/" + customerProfile + "/traits")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/profiles/" + customerProfile)
                .then()
                .body("traits.accountType", equalTo("wholesale"))
                .body("productViews", equalTo(2)));
        given().get("/v1/profiles/" + anonymousProfile)
                .then()
                .statusCode(200)
                .body("profileId", equalTo(customerProfile));
        String export = given().get("/v1/profiles/" + customerProfile + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(export).contains("\"kind\":\"email\"").doesNotContainIgnoringCase("buyer@example.com");
    }

    @Test
    void erasureRemovesTheShopperAndIsCompleteWhenEveryServiceConfirms() throws Exception {
        String anonymousId = "a-" + UUID.randomUUID();
        String id = shopper(anonymousId, Instant.now().minusSeconds(60));
        ShopperEvent inFlight =
                Events.view(anonymousId, "p-9", "Kitchen", 4.5, Instant.now().minusSeconds(10));

        String requestId;
        try (TopicClient.Watcher requests = kafka.watch(Topics.PRIVACY_REQUESTS)) {
            requestId = given().delete("/v1/profiles/" + id)
                    .then()
                    .statusCode(202)
                    .body("profileId", equalTo(id))
                    .body("waitingFor", hasItem("segment-service"))
                    .extract()
                    .path("requestId");
            var record = requests.await(r -> r.value().contains(requestId), Duration.ofSeconds(30));
            PrivacyRequest published = JSON.readValue(record.value(), PrivacyRequest.class);
            assertThat(published.profileId()).isEqualTo(id);
            assertThat(published.anonymousIds()).containsExactly(anonymousId);
        }
        given().get("/v1/profiles/" + id).then().statusCode(404);
        given().get("/v1/profiles/" + id + "/export").then().statusCode(404);
        given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles/summary")
                .then()
                .statusCode(200)
                .body("found", equalTo(false));

        double erasedBefore = metric("tailor_profile_events_erased_total");
        send(inFlight);
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("tailor_profile_events_erased_total") > erasedBefore);
        given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(404);

        for (String service : List.of(
                "segment-service", "recommendation-service", "content-service", "experiment-service", "gateway")) {
            kafka.send(
                    Topics.PRIVACY_RESULTS,
                    requestId,
                    JSON.writeValueAsString(new PrivacyResult(requestId, service, true, "erased", Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/v1/profiles/privacy-requests/" + requestId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("complete"))
                        .body("waitingFor", hasSize(0))
                        .body("answers.service", hasItem("profile-service")));
    }

    @Test
    void anOversizedCartIsDeadLetteredAndTheRestApplied() throws Exception {
        String anonymousId = "a-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(600);
        try (TopicClient.Watcher dlq = kafka.watch(Topics.SHOPPER_EVENTS_DLQ)) {
            for (int i = 0; i <= ProfileState.MAX_CART_LINES; i++) {
                send(Events.addToCart(anonymousId, "p-" + i, 1, 1, start.plusSeconds(i)));
            }
            var dead = dlq.await(r -> r.value().contains(anonymousId), Duration.ofSeconds(60));
            assertThat(new String(dead.headers().lastHeader("dlq-reason").value()))
                    .contains("oversized cart");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("anonymousId", anonymousId)
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("cart.lines", hasSize(ProfileState.MAX_CART_LINES)));
    }

    @Test
    void inactiveProfilesAreErasedByRetention() throws Exception {
        String anonymousId = "a-" + UUID.randomUUID();
        String id = shopper(anonymousId, Instant.now().minus(Duration.ofDays(25)));
        privacy.retention().await().atMost(Duration.ofSeconds(60));
        given().get("/v1/profiles/" + id).then().statusCode(404);
    }

    @Test
    void badRequestsAreProblems() {
        given().contentType("application/json")
                .body("{\"source\":\"banner\"}")
                .put("/v1/profiles/nope/consent")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("personalization"));
        given().contentType("application/json")
                .body("{\"personalization\":\"maybe\"}")
                .put("/v1/profiles/nope/consent")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("personalization"));
        given().contentType("application/json")
                .body("{\"personalization\":true}")
                .put("/v1/profiles/nope/consent")
                .then()
                .statusCode(404);
        given().contentType("application/json")
                .body("{\"traits\":{\"bad name!\":\"x\"}}")
                .patch("/v1/profiles/nope/traits")
                .then()
                .statusCode(404);
        given().delete("/v1/profiles/does-not-exist").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/profiles/privacy-requests/not-a-uuid").then().statusCode(400);
        given().get("/v1/profiles/privacy-requests/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().extract().asString();
        return body.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }
}
