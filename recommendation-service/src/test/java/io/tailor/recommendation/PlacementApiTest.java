package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The placement management API: seeded defaults, create/get/update/delete, and every bad input as problem+json. */
@QuarkusTest
class PlacementApiTest {

    private static final String PATH = "/v1/recommendations/placements";

    @Test
    void theDefaultPlacementsAreSeeded() {
        given().get(PATH)
                .then()
                .statusCode(200)
                .body(
                        "key",
                        hasItems(
                                "home_for_you",
                                "next_in_session",
                                "recently_viewed",
                                "popular",
                                "product_page_related",
                                "cart_complementary",
                                "reorder",
                                "new_arrivals"));
        given().get(PATH + "/cart_complementary")
                .then()
                .statusCode(200)
                .body("strategies[0].name", equalTo("bought_together"))
                .body("fallbacks", hasItem("popular"))
                .body("rules.excludePurchasedWithinDays", equalTo(30));
    }

    @Test
    void aPlacementIsCreatedUsedUpdatedAndDeleted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "promo_" + run;
        String a = "pa-" + run, b = "pb-" + run, c = "pc-" + run;
        given().contentType("application/json")
                .body("[" + product(a, "Alpha", 5) + "," + product(b, "Beta", 5) + "," + product(c, "Gamma", 0) + "]")
                .put("/v1/catalog/products")
                .then()
                .statusCode(200);

        given().contentType("application/json")
                .body(
                        """
                        {"key":"%s","description":"Pinned promo","strategies":[{"name":"trending"}],
                         "fallbacks":["popular"],"defaultLimit":3,"rules":{"pin":["%s","%s","%s"],"maxPerBrand":5}}
                        """
                                .formatted(key, c, b, a))
                .post(PATH)
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("key", equalTo(key));
        given().get(PATH + "/" + key).then().statusCode(200).body("rules.pin[1]", equalTo(b));

        String request =
                """
                {"shopper":{"anonymousId":"x-%s"},"placements":[{"placement":"%s","limit":2}]}
                """
                        .formatted(run, key);
        // out of stock pins are skipped
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items.productId", org.hamcrest.Matchers.contains(b, a))
                .body("placements[0].items[0].reason", equalTo("Featured"));

        given().contentType("application/json")
                .body(
                        """
                        {"strategies":[{"name":"trending"}],"rules":{"pin":["%s"],"inStockOnly":false}}
                        """
                                .formatted(c))
                .put(PATH + "/" + key)
                .then()
                .statusCode(200)
                .body("key", equalTo(key));
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items[0].productId", equalTo(c));

        given().contentType("application/json")
                .body("{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}]}")
                .post(PATH)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        given().delete(PATH + "/" + key).then().statusCode(204);
        given().get(PATH + "/" + key).then().statusCode(404).contentType("application/problem+json");
        given().delete(PATH + "/" + key).then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("placements[0].placement"));
    }

    @Test
    void badDefinitionsAreRejectedNamingTheFieldAndNothingIsStored() {
        String key = "bad_" + UUID.randomUUID().toString().substring(0, 8);
        bad("{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"telepathy\"}]}", "strategies[0].name");
        bad(
                "{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}],\"rules\":{\"diversityLambda\":1.5}}",
                "rules.diversityLambda");
        bad(
                "{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}],\"rules\":{\"maxPerBrand\":-1}}",
                "rules.maxPerBrand");
        bad("{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}],\"defaultLimit\":0}", "defaultLimit");
        bad(
                "{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}],\"rules\":{\"explorationShare\":2}}",
                "rules.explorationShare");
        bad("{\"key\":\"Not A Key\",\"strategies\":[{\"name\":\"popular\"}]}", "key");
        bad("{\"key\":\"" + key + "\",\"strategies\":[]}", "strategies");
        bad(
                "{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\"}],\"fallbacks\":[\"nope\"]}",
                "fallbacks[0]");
        given().contentType("application/json")
                .body("{\"key\":\"" + key + "\",\"strategies\":[{\"name\":\"popular\",\"weight\":\"heavy\"}]}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"key\":")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get(PATH + "/" + key).then().statusCode(404);

        given().contentType("application/json")
                .body("{\"key\":\"other\",\"strategies\":[{\"name\":\"popular\"}]}")
                .put(PATH + "/popular")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("key"));
        given().contentType("application/json")
                .body("{\"strategies\":[{\"name\":\"popular\"}]}")
                .put(PATH + "/" + key)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aLimitOutOfRangeIsRejected() {
        for (int limit : new int[] {0, 51}) {
            given().contentType("application/json")
                    .body("{\"shopper\":{\"anonymousId\":\"x\"},\"placements\":[{\"placement\":\"popular\",\"limit\":"
                            + limit + "}]}")
                    .post("/v1/recommendations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("placements[0].limit"));
        }
    }

    private static void bad(String body, String field) {
        given().contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static String product(String id, String title, int stock) {
        return """
                {"id":"%s","title":"%s","categoryPath":["Promo"],"price":3,"currency":"EUR","stock":%d}
                """
                .formatted(id, title, stock);
    }
}
