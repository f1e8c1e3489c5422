package io.tailor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The decide API with every backing service down: the fallbacks, within the deadline. */
@QuarkusTest
class DecideResourceTest {

    @Test
    void withAllServicesDownEveryPartFallsBackWithinTheDeadline() {
        String request =
                """
                {"anonymousId":"a-1","context":{"pageType":"home","device":"mobile"},
                 "placements":[{"placement":"home_for_you","limit":8}],"slots":["home_hero"]}
                """;
        EventsResourceTest.storefront()
                .body(request)
                .post("/v1/decide")
                .then()
                .statusCode(200)
                .body("decisionId", org.hamcrest.Matchers.notNullValue())
                .body("shopper.lifecycle", equalTo("new_visitor"))
                .body("placements[0].placement", equalTo("home_for_you"))
                .body("placements[0].fallback", equalTo(true))
                .body("experiments", hasSize(0))
                .body("degraded", hasSize(5))
                .body("degraded.service", hasItem("segment-service"))
                .body("tookMs", lessThanOrEqualTo(1000));
    }

    @Test
    void offersAskedForWithContentServiceDownFallBackToRegularPrices() {
        String request =
                """
                {"anonymousId":"a-2","context":{"pageType":"product","productId":"p-1"},
                 "offers":{"products":[{"productId":"p-1","price":12.5,"quantity":2}]}}
                """;
        EventsResourceTest.storefront()
                .body(request)
                .post("/v1/decide")
                .then()
                .statusCode(200)
                .body("offers", hasSize(0))
                .body("degraded.fallback", hasItem("regular_prices"))
                .body("tookMs", lessThanOrEqualTo(1000));
    }

    @Test
    void invalidRequestsAreProblemsNamingTheField() {
        EventsResourceTest.storefront()
                .body("{\"context\":{}}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("anonymousId"));
        EventsResourceTest.storefront()
                .body("{\"anonymousId\":\"a\",\"placements\":[{\"placement\":\"x\",\"limit\":500}]}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("placements[0].limit"));
        EventsResourceTest.storefront()
                .body("{\"anonymousId\":\"a\",\"slots\":\"home_hero\"}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("slots"));
        EventsResourceTest.storefront()
                .body("{\"anonymousId\":\"a\",\"bogus\":true}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("bogus"));
        EventsResourceTest.storefront()
                .body("{\"anonymousId\":\"a\",\"offers\":{\"products\":[{\"productId\":\"p\",\"price\":1},"
                        + "{\"productId\":\"p\",\"price\":-2}]}}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("offers.products[1].productId"))
                .body("errors.field", hasItem("offers.products[1].price"));
        EventsResourceTest.storefront()
                .body("{nope")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("X-Tailor-Key", "pk_test_storefront")
                .contentType("text/plain")
                .body("x")
                .post("/v1/decide")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
