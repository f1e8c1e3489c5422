package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

    private static RequestSpecification admin() {
        return given().header("X-Tailor-Key", "sk_test_admin").contentType("application/json");
    }

    private static String event() {
        return """
                {"eventId":"%s","type":"page_view","occurredAt":"%s","anonymousId":"a-sec"}
                """
                .formatted(UUID.randomUUID(), Instant.now().minusSeconds(1));
    }

    @Test
    void pingChecksTheKeyAndDoesNothingElse() {
        given().header("X-Tailor-Key", "pk_test_storefront")
                .get("/v1/ping")
                .then()
                .statusCode(204);
        given().get("/v1/ping")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:tailor:missing-api-key"));
        given().header("X-Tailor-Key", "pk_unknown").get("/v1/ping").then().statusCode(401);
    }

    @Test
    void keysAreCreatedShownOnceRotatedAndRevoked() {
        var created = admin().body(
                        "{\"name\":\"Shop EU\",\"kind\":\"public\",\"origins\":[\"https://shop.example.eu\"]}")
                .post("/v1/admin/keys")
                .then()
                .statusCode(201)
                .body("value", startsWith("pk_"))
                .body("key.origins[0]", equalTo("https://shop.example.eu"))
                .extract()
                .jsonPath();
        String key = created.getString("value");
        String id = created.getString("key.id");
        admin().get("/v1/admin/keys")
                .then()
                .statusCode(200)
                .body("prefix", hasItem(key.substring(0, 10)))
                .body(not(org.hamcrest.Matchers.containsString(key)));

        given().header("X-Tailor-Key", key)
                .header("Origin", "https://shop.example.eu")
                .contentType("application/json")
                .body(event())
                .post("/v1/events")
                .then()
                .statusCode(202);
        given().header("X-Tailor-Key", key)
                .header("Origin", "https://evil.example")
                .contentType("application/json")
                .body(event())
                .post("/v1/events")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:problem:tailor:origin-not-allowed"));

        String rotated = admin().post("/v1/admin/keys/" + id + "/rotate?graceSeconds=0")
                .then()
                .statusCode(201)
                .body("value", startsWith("pk_"))
                .extract()
                .path("value");
        given().header("X-Tailor-Key", key)
                .contentType("application/json")
                .body(event())
                .post("/v1/events")
                .then()
                .statusCode(401);
        given().header("X-Tailor-Key", rotated)
                .contentType("application/json")
                .body(event())
                .post("/v1/events")
                .then()
                .statusCode(202);

        String rotatedId = admin().get("/v1/admin/keys")
                .then()
                .extract()
                .jsonPath()
                .getString("find { it.prefix == '" + rotated.substring(0, 10) + "' }.id");
        admin().delete("/v1/admin/keys/" + rotatedId).then().statusCode(200).body("revokedAt", notNullValue());
        given().header("X-Tailor-Key", rotated)
                .contentType("application/json")
                .body(event())
                .post("/v1/events")
                .then()
                .statusCode(401);
        admin().delete("/v1/admin/keys/" + rotatedId).then().statusCode(409);
    }

    @Test
    void badKeyRequestsAreProblems() {
        admin().body("{\"name\":\"\",\"kind\":\"root\",\"origins\":[\"javascript:alert(1)\"]}")
                .post("/v1/admin/keys")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("origins[0]"))
                .body("errors.field", hasItem("name"));
        admin().delete("/v1/admin/keys/not-a-uuid").then().statusCode(400);
        admin().delete("/v1/admin/keys/" + UUID.randomUUID()).then().statusCode(404);
        admin().post("/v1/admin/keys/" + UUID.randomUUID() + "/rotate?graceSeconds=-5")
                .then()
                .statusCode(400);
    }

    @Test
    void beaconsCarryTheKeyInTheQuery() {
        given().contentType("text/plain")
                .body(event())
                .post("/v1/events/beacon?key=pk_test_storefront")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
        given().contentType("text/plain")
                .body(event())
                .post("/v1/events/beacon")
                .then()
                .statusCode(401);
    }

    @Test
    void responsesCarrySecurityHeaders() {
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY");
        given().get("/").then().statusCode(200).header("Content-Security-Policy", startsWith("default-src 'self'"));
    }
}
