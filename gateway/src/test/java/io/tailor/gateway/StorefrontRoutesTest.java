package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The storefront routes beyond decide and events take the public key and are passed to their service (unreachable
 * here: a 502 problem says so); the services themselves are tested in their modules and in e2e-tests.
 */
@QuarkusTest
class StorefrontRoutesTest {

    @Test
    void searchAndProductsTakeThePublicKeyAndNameAServiceThatDoesNotAnswer() {
        for (String path : new String[] {"/v1/search", "/v1/search/rerank", "/v1/search/category"}) {
            given().header("X-Tailor-Key", "pk_test_storefront")
                    .contentType("application/json")
                    .body("{\"query\":\"mug\"}")
                    .post(path)
                    .then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("recommendation-service did not answer"));
        }
        given().header("X-Tailor-Key", "pk_test_storefront")
                .get("/v1/products/85123A")
                .then()
                .statusCode(502);
        given().contentType("application/json")
                .body("{}")
                .post("/v1/search")
                .then()
                .statusCode(401);
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{}")
                .post("/v1/search/other")
                .then()
                .statusCode(404);
    }

    @Test
    void aClickOnASlotIsPassedOnLikeADismissal() {
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{}")
                .post("/v1/content/slots/Bad..Key/clicks")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("slot"));
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("application/json")
                .body("{}")
                .post("/v1/content/slots/home_hero/clicks")
                .then()
                .statusCode(502);
    }
}
