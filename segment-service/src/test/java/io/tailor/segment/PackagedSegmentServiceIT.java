package io.tailor.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged segment-service (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedSegmentServiceIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/segments/{key}"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void previewsARuleAndExplainsABrokenOne() {
        given().contentType("application/json")
                .body("{\"rule\":\"profile.orders >= 2\"}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{\"name\":\"IT broken\",\"rule\":\"profile.orders >= 'two'\"}")
                .put("/v1/segments/it-broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/v1/segments/it-broken").then().statusCode(404);
    }
}
