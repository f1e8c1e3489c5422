package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedGatewayIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/decide"));
    }

    @Test
    void acceptsEventsAndExplainsBadOnes() {
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body(
                        """
                        {"eventId":"%s","type":"page_view","occurredAt":"%s","anonymousId":"it-shopper"}
                        """
                                .formatted(UUID.randomUUID(), Instant.now().minusSeconds(1)))
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{\"events\":[{\"type\":\"page_view\"}]}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("events[0].eventId"));
    }

    @Test
    void decidesWithFallbacksWhenNoServiceAnswers() {
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{\"anonymousId\":\"it-shopper\",\"placements\":[{\"placement\":\"home_for_you\"}]}")
                .post("/v1/decide")
                .then()
                .statusCode(200)
                .body("degraded.service", hasItem("recommendation-service"));
    }
}
