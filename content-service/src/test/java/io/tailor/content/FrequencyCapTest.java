package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tailor.content.service.ContentDataEraser;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.devstack.TopicClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Frequency caps and dismissals of pop-ups and banners, counted in the real Redis, and their erasure. */
@QuarkusTest
class FrequencyCapTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ContentDataEraser eraser;

    private static String popup(String cap) {
        return """
                {"kind":"popup","name":"Welcome pop-up","frequencyCap":%s,"variants":[
                  {"key":"default","title":"Join our newsletter","default":true},
                  {"key":"mobile","title":"Get the app","priority":5,"targeting":{"devices":["mobile"]}}]}
                """
                .formatted(cap);
    }

    private static ValidatableResponse decide(String slot, String anonymousId) {
        return given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + anonymousId + "\"},\"context\":{\"device\":\"mobile\"},"
                        + "\"slots\":[\"" + slot + "\"]}")
                .post("/v1/content/decide")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse dismiss(String slot, String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/v1/content/slots/" + slot + "/dismissals")
                .then();
    }

    private static String slot(String body) {
        String key = "cap-" + UUID.randomUUID();
        SlotApiTest.put(key, body).statusCode(200);
        return key;
    }

    @Test
    void oncePerSessionShowsThePopUpOnceAndCountsItWithATtl() {
        String slot = slot(popup("{\"perSession\":1}"));
        String shopper = "a-" + UUID.randomUUID();
        decide(slot, shopper).body("slots", hasSize(1)).body("slots[0].variantKey", equalTo("mobile"));
        decide(slot, shopper).body("slots", hasSize(0));
        decide(slot, "a-" + UUID.randomUUID()).body("slots", hasSize(1));

        String state = "content:freq:" + shopper + ":" + slot;
        assertThat(redis.hash(String.class).hget(state, "sessionShows")).isEqualTo("1");
        assertThat(redis.key().pttl(state))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(30).toMillis());
        assertThat(redis.key().pttl("content:freq-slots:" + shopper)).isPositive();
    }

    @Test
    void aRollingWindowCapsShowsAcrossSessions() {
        String slot = slot(popup("{\"maxShows\":2,\"windowDays\":7}"));
        String shopper = "a-" + UUID.randomUUID();
        decide(slot, shopper).body("slots", hasSize(1));
        decide(slot, shopper).body("slots", hasSize(1));
        decide(slot, shopper).body("slots", hasSize(0));
        String shows = "content:shows:" + shopper + ":" + slot;
        assertThat(redis.sortedSet(String.class).zcard(shows)).isEqualTo(2);
        assertThat(redis.key().pttl(shows))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
    }

    @Test
    void aDismissedVariantStaysHiddenForItsPeriod() {
        String slot = slot(popup("{\"dismissDays\":14}"));
        String shopper = "a-" + UUID.randomUUID();
        decide(slot, shopper).body("slots[0].variantKey", equalTo("mobile"));

        String until = dismiss(slot, "{\"shopper\":{\"anonymousId\":\"" + shopper + "\"},\"variantKey\":\"mobile\"}")
                .statusCode(200)
                .body("variantKey", equalTo("mobile"))
                .extract()
                .path("until");
        assertThat(Duration.between(Instant.now(), Instant.parse(until)))
                .isBetween(Duration.ofDays(13), Duration.ofDays(14));
        decide(slot, shopper).body("slots[0].variantKey", equalTo("default"));

        dismiss(slot, "{\"shopper\":{\"anonymousId\":\"" + shopper + "\"},\"variantKey\":\"default\"}")
                .statusCode(200);
        decide(slot, shopper).body("slots", hasSize(0));
        decide(slot, "a-" + UUID.randomUUID()).body("slots[0].variantKey", equalTo("mobile"));
    }

    @Test
    void badDismissalsAreProblems() {
        String slot = slot(popup("{\"perSession\":3}"));
        dismiss(slot, "{\"variantKey\":\"mobile\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("shopper"));
        dismiss(slot, "{\"shopper\":{\"anonymousId\":\"a\"},\"variantKey\":\"nope\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("variantKey"));
        dismiss(slot, "{\"shopper\":{\"anonymousId\":\"a\"}}")
                .statusCode(400)
                .body("errors[0].field", equalTo("variantKey"));
        dismiss(slot, "{\"shopper\":").statusCode(400).contentType("application/problem+json");
        dismiss("no-such-slot-" + UUID.randomUUID(), "{\"shopper\":{\"anonymousId\":\"a\"},\"variantKey\":\"default\"}")
                .statusCode(404)
                .contentType("application/problem+json");
        String uncapped = "nocap-" + UUID.randomUUID();
        SlotApiTest.put(uncapped, "{\"name\":\"Plain\",\"variants\":[{\"key\":\"default\",\"default\":true}]}")
                .statusCode(200);
        dismiss(uncapped, "{\"shopper\":{\"anonymousId\":\"a\"},\"variantKey\":\"default\"}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("frequencyCap"));
        SlotApiTest.put("cap-bad", popup("{\"perSession\":0,\"maxShows\":3}"))
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.hasItems("frequencyCap.perSession", "frequencyCap.windowDays"));
    }

    @Test
    void aPrivacyRequestOnKafkaErasesTheShoppersCountsAndIsConfirmed() throws Exception {
        String slot = slot(popup("{\"perSession\":1}"));
        String anonymous = "a-" + UUID.randomUUID();
        decide(slot, anonymous).body("slots", hasSize(1));
        assertThat(redis.key().exists("content:freq:" + anonymous + ":" + slot)).isTrue();
        String requestId = UUID.randomUUID().toString();
        String json = TailorJson.mapper()
                .writeValueAsString(new PrivacyRequest(
                        requestId,
                        PrivacyRequest.Kind.ERASE,
                        "p-" + UUID.randomUUID(),
                        null,
                        List.of(anonymous),
                        Instant.now()));
        try (TopicClient topics =
                        new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
                TopicClient.Watcher results = topics.watch("privacy-results")) {
            topics.send("privacy-requests", requestId, json);
            results.await(
                    r -> r.value().contains(requestId) && r.value().contains("content-service"),
                    Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(redis.key().exists("content:freq:" + anonymous + ":" + slot))
                        .isFalse());
        decide(slot, anonymous).body("slots", hasSize(1));
    }

    @Test
    void erasureForgetsCountsAndDismissals() {
        String slot = slot(popup("{\"perSession\":1}"));
        String anonymous = "a-" + UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        decide(slot, anonymous).body("slots", hasSize(1));
        decide(slot, anonymous).body("slots", hasSize(0));
        dismiss(
                        slot,
                        "{\"shopper\":{\"anonymousId\":\"x\",\"customerId\":\"" + customer
                                + "\"},\"variantKey\":\"mobile\"}")
                .statusCode(200);
        assertThat(redis.key().exists("content:freq:" + customer + ":" + slot)).isTrue();

        PrivacyRequest erase = new PrivacyRequest(
                UUID.randomUUID().toString(),
                PrivacyRequest.Kind.ERASE,
                "p-" + UUID.randomUUID(),
                customer,
                List.of(anonymous),
                Instant.now());
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10));
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10));

        assertThat(redis.key().exists("content:freq:" + anonymous + ":" + slot)).isFalse();
        assertThat(redis.key().exists("content:freq:" + customer + ":" + slot)).isFalse();
        assertThat(redis.key().exists("content:freq-slots:" + anonymous)).isFalse();
        decide(slot, anonymous).body("slots", hasSize(1));
    }
}
