package io.tailor.content.journey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tailor.content.SegmentServiceStub;
import org.junit.jupiter.api.Test;

/** The journey and template admin API: what is stored, and every kind of bad input refused with the field named. */
@QuarkusTest
class JourneyApiTest {

    private static ValidatableResponse put(String path, String body) {
        return given().contentType("application/json").body(body).put(path).then();
    }

    private static final String VALID =
            """
            {"name":"Post-purchase","trigger":{"event":"order_completed"},
             "steps":[{"delay":"P3D","template":"post-purchase","placement":"cart_complementary"}],"enabled":true}
            """;

    @Test
    void storesListsVersionsAndDeletesAJourney() {
        put("/v1/journeys/api-post-purchase", VALID)
                .statusCode(200)
                .body("key", equalTo("api-post-purchase"))
                .body("version", equalTo(1))
                .body("trigger.event", equalTo("order_completed"))
                .body("steps[0].placement", equalTo("cart_complementary"));
        put("/v1/journeys/api-post-purchase", VALID).statusCode(200).body("version", equalTo(2));
        given().get("/v1/journeys").then().statusCode(200).body("key", hasItem("api-post-purchase"));
        given().get("/v1/journeys/api-post-purchase/stats")
                .then()
                .statusCode(200)
                .body("journey", equalTo("api-post-purchase"));
        given().delete("/v1/journeys/api-post-purchase").then().statusCode(204);
        given().get("/v1/journeys/api-post-purchase").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesBadJourneysNamingTheFieldAndKeepsTheStoredOne() {
        put("/v1/journeys/api-keep", VALID).statusCode(200);
        put(
                        "/v1/journeys/api-keep",
                        """
                        {"name":"Broken","trigger":{"event":"order_placed"},
                         "steps":[{"delay":"-PT1H","template":"no-such-template"}],"enabled":true}
                        """)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("trigger.event", "steps[0].delay", "steps[0].template"));
        put("/v1/journeys/api-keep", "{\"name\":\"x\",\"stepz\":[]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("stepz"));
        put("/v1/journeys/api-keep", "[1,2]").statusCode(400).contentType("application/problem+json");
        given().get("/v1/journeys/api-keep").then().statusCode(200).body("name", equalTo("Post-purchase"));
    }

    @Test
    void refusesHandOffLoopsAndUnknownSegments() {
        put("/v1/journeys/api-loop-a", VALID).statusCode(200);
        put("/v1/journeys/api-loop-b", VALID.replace("\"enabled\":true", "\"enabled\":true,\"then\":\"api-loop-a\""))
                .statusCode(200);
        put("/v1/journeys/api-loop-a", VALID.replace("\"enabled\":true", "\"enabled\":true,\"then\":\"api-loop-b\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("then"))
                .body("errors[0].message", equalTo("journeys would loop: api-loop-a → api-loop-b → api-loop-a"));
        given().delete("/v1/journeys/api-loop-a").then().statusCode(409);

        SegmentServiceStub.KNOWN.add("replenishment-due");
        String bySegment =
                """
                {"name":"Replenishment","trigger":{"segmentEntered":"%s"},"exitOnSegmentExit":true,
                 "steps":[{"delay":"PT0S","template":"replenishment-reminder","placement":"reorder"}],"enabled":true}
                """;
        put("/v1/journeys/api-replenish", bySegment.formatted("replenishment-due"))
                .statusCode(200);
        put("/v1/journeys/api-replenish-x", bySegment.formatted("no-such-segment"))
                .statusCode(400)
                .body("errors[0].field", equalTo("trigger.segmentEntered"));
        given().get("/v1/journeys/api-replenish-x").then().statusCode(404);
    }

    @Test
    void templatesMustParseAndRenderAgainstTheMessageModel() {
        given().get("/v1/messages/templates")
                .then()
                .statusCode(200)
                .body(
                        "key",
                        hasItems(
                                "cart-recovery",
                                "browse-abandonment",
                                "replenishment-reminder",
                                "post-purchase",
                                "welcome"));
        put("/v1/messages/templates/api-ok", "{\"subject\":\"Hi {shopper.firstName}\",\"html\":\"<p>{journey}</p>\"}")
                .statusCode(200)
                .body("subject", equalTo("Hi {shopper.firstName}"));
        put("/v1/messages/templates/api-bad", "{\"subject\":\"Hi\",\"html\":\"{#for p in products}<li>{p.title}\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("html"))
                .body("errors[0].message", containsString("does not render"));
        put("/v1/messages/templates/api-bad", "{\"subject\":\"Hi {shopper.nickname}\",\"html\":\"<p>x</p>\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        put("/v1/messages/templates/api-bad", "{\"subject\":\"\"}")
                .statusCode(400)
                .body("errors.field", hasItems("subject", "html"));
        given().get("/v1/messages/templates/api-bad").then().statusCode(404);
    }

    @Test
    void theMessageLogRefusesBadFilters() {
        given().queryParam("status", "lost")
                .get("/v1/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 0)
                .get("/v1/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().get("/v1/messages/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }
}
