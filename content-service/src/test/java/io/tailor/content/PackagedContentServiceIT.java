package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged content-service (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedContentServiceIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/content/decide"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void servesJourneysAndTheSeededTemplates() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/journeys/{key}"))
                .body("paths", hasKey("/v1/messages/unsubscribe"));
        given().get("/v1/messages/templates/cart-recovery")
                .then()
                .statusCode(200)
                .body("subject", equalTo("You left something in your cart"));
        given().contentType("application/json")
                .body("{\"name\":\"IT\",\"trigger\":{\"event\":\"add_to_cart\"},\"enabled\":true,"
                        + "\"steps\":[{\"delay\":\"-PT1M\",\"template\":\"cart-recovery\"}]}")
                .put("/v1/journeys/it-broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void savesASlotAndRefusesABrokenOne() {
        given().contentType("application/json")
                .body(
                        "{\"name\":\"IT hero\",\"variants\":[{\"key\":\"default\",\"default\":true,\"title\":\"Hello\"}]}")
                .put("/v1/content/slots/it_hero")
                .then()
                .statusCode(200);
        given().get("/v1/content/slots/it_hero").then().statusCode(200).body("key", equalTo("it_hero"));
        given().contentType("application/json")
                .body("{\"name\":\"\",\"variants\":[]}")
                .put("/v1/content/slots/it_broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
