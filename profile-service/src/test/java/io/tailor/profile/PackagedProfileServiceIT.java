package io.tailor.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged profile-service (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedProfileServiceIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/profiles/{profileId}"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void answersUnknownShoppersAndBadInputWithProblems() {
        given().get("/v1/profiles/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"personalization\":\"maybe\"}")
                .put("/v1/profiles/00000000-0000-0000-0000-000000000000/consent")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
