package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.Topics;
import io.tailor.devstack.TopicClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecommendationFlowTest {

    private static String product(String id, String title, int stock) {
        return """
                {"id":"%s","title":"%s","categoryPath":["Home","Candles"],"price":2.55,"currency":"GBP","stock":%d,
                 "imageUrl":"/img/%s.jpg"}
                """
                .formatted(id, title, stock, id);
    }

    @Test
    void badRowsAreReportedAndTheRestStored() {
        String rows = "[" + product("t-1", "WHITE HANGING HEART T-LIGHT HOLDER", 10) + ","
                + "{\"id\":\"t-2\",\"title\":\"\",\"price\":-1,\"currency\":\"GBP\"},"
                + "{\"id\":\"t-3\",\"title\":\"X\",\"price\":\"free\",\"currency\":\"GBP\"}]";
        given().contentType("application/json")
                .body(rows)
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(1))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors.field", hasItem("[1].price"))
                .body("rejected[1].errors[0].field", equalTo("[2].price"));
        given().get("/v1/catalog/products/t-1")
                .then()
                .statusCode(200)
                .body("title", equalTo("WHITE HANGING HEART T-LIGHT HOLDER"));
        given().get("/v1/catalog/products/t-2").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"x\":1}")
                .put("/v1/catalog/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void viewedProductsBecomePopularAndOutOfStockOnesNeverShow() {
        String hot = "hot-" + UUID.randomUUID();
        String gone = "gone-" + UUID.randomUUID();
        given().contentType("application/json")
                .body("[" + product(hot, "Hot candle", 5) + "," + product(gone, "Sold out", 0) + "]")
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(2));

        try (TopicClient kafka =
                new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            for (String productId : new String[] {hot, gone}) {
                for (int i = 0; i < 50; i++) {
                    kafka.send(
                            Topics.SHOPPER_EVENTS,
                            "a:x",
                            """
                            {"eventId":"%s","type":"product_view","occurredAt":"%s","anonymousId":"x",
                             "properties":{"productId":"%s","categoryPath":["Home","Candles"]}}
                            """
                                    .formatted(UUID.randomUUID(), Instant.now(), productId));
                }
            }
        }
        String request =
                """
                {"shopper":{"anonymousId":"nobody-%s"},"context":{"pageType":"home"},
                 "placements":[{"placement":"popular","limit":5}]}
                """
                        .formatted(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items.productId", hasItem(hot))
                .body("placements[0].items.productId", not(hasItem(gone)))
                .body("placements[0].items[0].reason", equalTo("Popular right now")));

        given().contentType("application/json")
                .body(request.replace("\"popular\"", "\"no_such_placement\""))
                .post("/v1/recommendations")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("placements[0].placement"));
    }
}
