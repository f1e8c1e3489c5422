package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged recommendation-service (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedRecommendationServiceIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/recommendations"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void storesProductsAndRecommendsThem() {
        given().contentType("application/json")
                .body(
                        """
                        [{"id":"it-1","title":"Enamel mug","categoryPath":["Kitchen"],"price":8.5,"currency":"GBP",
                          "stock":3}]
                        """)
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(1));
        given().contentType("application/json")
                .body(
                        """
                        {"shopper":{"anonymousId":"it"},"context":{"pageType":"product","productId":"it-1"},
                         "placements":[{"placement":"next_in_session","limit":4}]}
                        """)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].placement", equalTo("next_in_session"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"it\"},\"placements\":[{\"placement\":\"nope\"}]}")
                .post("/v1/recommendations")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("placements[0].placement"));
    }
}
