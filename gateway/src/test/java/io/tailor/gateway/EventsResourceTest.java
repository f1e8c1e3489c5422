package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tailor.contracts.Topics;
import io.tailor.devstack.TopicClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsResourceTest {

    private static TopicClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    static RequestSpecification storefront() {
        return given().header("X-Tailor-Key", "pk_test_storefront").contentType("application/json");
    }

    static String view(String eventId, String anonymousId) {
        return """
                {"eventId":"%s","type":"product_view","occurredAt":"%s","anonymousId":"%s","sessionId":"s1",
                 "context":{"page":{"type":"product"},"device":"mobile"},
                 "properties":{"productId":"85123A","price":2.55,"currency":"GBP"}}
                """
                .formatted(eventId, Instant.now().minusSeconds(2), anonymousId);
    }

    @Test
    void anAcceptedEventIsOnKafkaKeyedByShopperWithTheServerTime() {
        String eventId = UUID.randomUUID().toString();
        String anonymousId = "a-" + UUID.randomUUID();
        try (TopicClient.Watcher events = kafka.watch(Topics.SHOPPER_EVENTS)) {
            storefront()
                    .body(view(eventId, anonymousId))
                    .post("/v1/events")
                    .then()
                    .statusCode(202)
                    .body("accepted", equalTo(1))
                    .body("events[0].status", equalTo("accepted"));

            ConsumerRecord<String, String> record =
                    events.await(r -> r.value().contains(eventId), Duration.ofSeconds(20));
            assertThat(record.key()).isEqualTo("a:" + anonymousId);
            assertThat(record.value()).contains("\"receivedAt\"");
        }
        storefront()
                .body(view(eventId, anonymousId))
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(1))
                .body("events[0].status", equalTo("duplicate"));
    }

    @Test
    void aBatchIsAcceptedWhole() {
        String batch = "{\"events\":[" + view(UUID.randomUUID().toString(), "a-1") + ","
                + view(UUID.randomUUID().toString(), "a-2") + "]}";
        storefront().body(batch).post("/v1/events").then().statusCode(202).body("accepted", equalTo(2));
    }

    @Test
    void aBatchWithOneBadEventIsRefusedWholeNamingTheField() {
        String bad = view(UUID.randomUUID().toString(), "a-1").replace("2.55", "-2.55");
        String batch = "{\"events\":[" + view(UUID.randomUUID().toString(), "a-1") + "," + bad + "]}";
        storefront()
                .body(batch)
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("events[1].properties.price"));
    }

    @Test
    void oddBatchShapesAreProblemsNamingTheField() {
        // a batch of one is still a batch: its fields are named under events[0]
        String bad = view(UUID.randomUUID().toString(), "a-1").replace("2.55", "-2.55");
        storefront()
                .body("{\"events\":[" + bad + "]}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("events[0].properties.price"));
        storefront()
                .body("{\"events\":null}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("events"));
        storefront()
                .body("{\"events\":[" + view(UUID.randomUUID().toString(), "a-1") + ",null]}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("events[1]"));
        // a batch has only the field events
        storefront()
                .body("{\"source\":\"x\",\"events\":[" + view(UUID.randomUUID().toString(), "a-1") + "]}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        storefront().body("null").post("/v1/events").then().statusCode(400);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        storefront()
                .body("{\"eventId\": ")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        storefront()
                .body(view(UUID.randomUUID().toString(), "a-1")
                        .replace("\"sessionId\"", "\"surprise\":1,\"sessionId\""))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("surprise"))
                .body("errors[0].message", containsString("unknown field"));
        storefront()
                .body(view(UUID.randomUUID().toString(), "a-1").replace("\"price\":2.55", "\"price\":\"cheap\""))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("properties.price"));
        storefront()
                .body(view(UUID.randomUUID().toString(), "a-1").replace("\"anonymousId\":\"a-1\",", ""))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("anonymousId"));
        storefront()
                .body(view(UUID.randomUUID().toString(), "a-1").replace("product_view", "teleport"))
                .post("/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("unknown event type"));
        storefront().body("[1,2,3]").post("/v1/events").then().statusCode(400);
        storefront().body("{\"events\":[]}").post("/v1/events").then().statusCode(400);
    }

    @Test
    void deepNestingAndInvalidUtf8AreRefused() {
        String deep = "{\"events\":" + "[".repeat(40) + "]".repeat(40) + "}";
        storefront().body(deep).post("/v1/events").then().statusCode(400).contentType("application/problem+json");
        byte[] broken = view(UUID.randomUUID().toString(), "a-1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        broken[broken.length / 2] = (byte) 0xC3;
        broken[broken.length / 2 + 1] = (byte) 0x28;
        storefront().body(broken).post("/v1/events").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void hugeBatchesAndBodiesAre413() {
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 501; i++) {
            batch.append(i == 0 ? "" : ",").append(view(UUID.randomUUID().toString(), "a-" + i));
        }
        storefront()
                .body(batch.append("]}").toString())
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        storefront()
                .body("{\"pad\":\"" + "x".repeat(1_200_000) + "\"}")
                .post("/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void keysAreRequired() {
        given().contentType("application/json")
                .body(view(UUID.randomUUID().toString(), "a-1"))
                .post("/v1/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Tailor-Key", "nope")
                .contentType("application/json")
                .body("{}")
                .post("/v1/events")
                .then()
                .statusCode(401);
        storefront().get("/v1/admin/anything").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void adminCallsNeedASecretKeyAndReachTheOwningService() {
        given().header("X-Tailor-Key", "sk_test_admin")
                .get("/v1/admin/nowhere/x")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("X-Tailor-Key", "sk_test_admin")
                .get("/v1/admin/segments/")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("segment-service"));
    }

    @Test
    void storefrontOfferAndDismissalCallsArePassedToContentServiceWithThePublicKey() {
        // content-service does not run in this test: reaching it at all shows the key was accepted and the call
        // forwarded; what it answers is covered by the end-to-end test
        storefront()
                .body("{}")
                .post("/v1/offers/decide")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("content-service"));
        storefront()
                .body("{}")
                .post("/v1/content/slots/welcome_popup/dismissals")
                .then()
                .statusCode(502)
                .contentType("application/problem+json");
        storefront()
                .body("{}")
                .post("/v1/content/slots/Not..A..Slot/dismissals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("slot"));
        given().contentType("application/json")
                .body("{}")
                .post("/v1/offers/decide")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
