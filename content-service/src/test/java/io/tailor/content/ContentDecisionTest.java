package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContentDecisionTest {

    private static final String HERO =
            """
            {"name":"Homepage hero","variants":[
              {"key":"default","title":"New season","linkUrl":"/c/new","default":true},
              {"key":"welcome","title":"Welcome! 10% off your first order","priority":10,
               "targeting":{"segments":["first-time-visitor"]}}]}
            """;

    @Inject
    RedisDataSource redis;

    @org.junit.jupiter.api.BeforeAll
    static void segmentsExist() {
        SegmentServiceStub.KNOWN.add("first-time-visitor");
    }

    private static String decide(String anonymousId) {
        return """
                {"shopper":{"anonymousId":"%s"},"context":{"pageType":"home"},"slots":["hero-test","unknown-slot"]}
                """
                .formatted(anonymousId);
    }

    @Test
    void aSegmentTargetedVariantWinsOverTheDefault() {
        given().contentType("application/json")
                .body(HERO)
                .put("/v1/content/slots/hero-test")
                .then()
                .statusCode(200)
                .body("variants", hasSize(2));

        String stranger = "a-" + UUID.randomUUID();
        given().contentType("application/json")
                .body(decide(stranger))
                .post("/v1/content/decide")
                .then()
                .statusCode(200)
                .body("slots", hasSize(1))
                .body("slots[0].variantKey", equalTo("default"))
                .body("slots[0].matchedRule", equalTo("default"));

        String newcomer = "a-" + UUID.randomUUID();
        String profileId = "p-" + UUID.randomUUID();
        redis.value(String.class).set(HotState.anonymousAlias(newcomer), profileId);
        redis.hash(String.class).hset(HotState.memberships(profileId), "first-time-visitor", "1764000000000");
        given().contentType("application/json")
                .body(decide(newcomer))
                .post("/v1/content/decide")
                .then()
                .statusCode(200)
                .body("slots[0].variantKey", equalTo("welcome"))
                .body("slots[0].matchedRule", equalTo("segment=first-time-visitor"));
    }

    @Test
    void replacingASlotKeepsOneDefaultAndRefusesBadDefinitions() {
        given().contentType("application/json")
                .body(HERO)
                .put("/v1/content/slots/hero-replace")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body(HERO.replace("New season", "Winter sale"))
                .put("/v1/content/slots/hero-replace")
                .then()
                .statusCode(200)
                .body("variants.title", hasItem("Winter sale"));

        given().contentType("application/json")
                .body(HERO.replace("\"default\":true", "\"default\":false"))
                .put("/v1/content/slots/hero-bad")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("variants"));
        given().contentType("application/json")
                .body(HERO.replace("\"key\":\"welcome\"", "\"key\":\"default\""))
                .put("/v1/content/slots/hero-bad")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("variants[1].key"));
        given().contentType("application/json")
                .body(HERO)
                .put("/v1/content/slots/Not A Key")
                .then()
                .statusCode(400);
        given().get("/v1/content/slots/hero-bad").then().statusCode(404).contentType("application/problem+json");
    }
}
