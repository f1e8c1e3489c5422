package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tailor.contracts.HotState;
import io.tailor.contracts.Topics;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.devstack.TopicClient;
import io.tailor.recommendation.repository.OrderLineStore;
import io.tailor.recommendation.service.InteractionModels;
import io.tailor.recommendation.service.SessionDataEraser;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Orders and views sent through Kafka become co-purchase and co-view recommendations, which survive a rebuild from
 * PostgreSQL; the hot profile drives replenishment, the wholesale reorder list and new arrivals.
 */
@QuarkusTest
class StrategiesFlowTest {

    @Inject
    InteractionModels models;

    @Inject
    OrderLineStore orders;

    @Inject
    SessionDataEraser eraser;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Test
    void ordersAndViewsFromKafkaBecomeBoughtTogetherAndRelatedAndSurviveARebuild() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String category = "Photo-" + run;
        String camera = "camera-" + run, card = "card-" + run, bag = "bag-" + run, lens = "lens-" + run;
        upsert(
                product(camera, "Mirrorless camera X", category, "Fuji", null),
                product(card, "Memory card", category, "Sandisk", null),
                product(bag, "Camera bag", category, "Peak", null),
                product(lens, "Portrait lens", category, "Fuji", null));

        List<Map.Entry<String, String>> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(300);
        for (int i = 0; i < 3; i++) {
            events.add(order("c-" + run + "-" + i, "o-" + run + "-" + i, at, camera, card));
        }
        for (int i = 3; i < 5; i++) {
            events.add(order("c-" + run + "-" + i, "o-" + run + "-" + i, at, bag));
        }
        // three sessions view the camera, then the lens; three others view the bag only
        for (int s = 3; s < 6; s++) {
            events.add(view("v-" + run + "-" + s, "s-" + run + "-" + s, bag, at.plusSeconds(s)));
        }
        for (int s = 0; s < 3; s++) {
            String session = "s-" + run + "-" + s;
            events.add(view("v-" + run + "-" + s, session, camera, at.plusSeconds(s)));
            events.add(view("v-" + run + "-" + s, session, lens, at.plusSeconds(s + 1)));
        }
        try (TopicClient kafka =
                new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.sendAll(Topics.SHOPPER_EVENTS, events);
        }

        String cart =
                """
                {"shopper":{"anonymousId":"nobody-%s"},"context":{"pageType":"cart","cartProductIds":["%s"]},
                 "placements":[{"placement":"cart_complementary","limit":4}]}
                """
                        .formatted(run, camera);
        String productPage =
                """
                {"shopper":{"anonymousId":"nobody-%s"},"context":{"pageType":"product","productId":"%s"},
                 "placements":[{"placement":"product_page_related","limit":4}]}
                """
                        .formatted(run, camera);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> boughtTogether(cart, camera, card));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> related(productPage, lens));

        // a restart rebuilds the models from the order and view logs in PostgreSQL
        models.rebuild().await().atMost(Duration.ofSeconds(60));
        boughtTogether(cart, camera, card);
        related(productPage, lens);

        // erasing a customer removes their order lines
        assertThat(linesOf(run)).isEqualTo(8);
        eraser.erase(new PrivacyRequest(
                        UUID.randomUUID().toString(),
                        PrivacyRequest.Kind.ERASE,
                        "p-" + run,
                        "c-" + run + "-0",
                        List.of(),
                        Instant.now()))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(linesOf(run)).isEqualTo(6);
    }

    @Test
    void theProfileDrivesReorderAndNewArrivals() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String category = "Run-" + run;
        String coffee = "coffee-" + run, gloves = "gloves-" + run, fresh = "fresh-" + run, old = "old-" + run;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        upsert(
                product(coffee, "Espresso beans", "Grocery-" + run, "Roast", null),
                product(gloves, "Nitrile gloves", "Supplies-" + run, "Safe", null),
                product(fresh, "Carbon racer", category, "Swift", today.minusDays(3)),
                product(old, "Classic trainer", category, "Swift", today.minusDays(300)));
        Instant now = Instant.now();
        String anonymous = "anon-" + run;
        String profileId = "p-" + run;
        ProfileSnapshot profile = new ProfileSnapshot(
                profileId,
                5,
                "cust-" + run,
                List.of(anonymous),
                Map.of("accountType", "wholesale"),
                null,
                now.minus(Duration.ofDays(400)),
                now,
                9,
                30,
                20,
                8,
                BigDecimal.TEN,
                BigDecimal.ONE,
                now,
                List.of(),
                null,
                Map.of(category, 0.8),
                Map.of(),
                Map.of(),
                List.of(
                        new PurchaseStats(
                                coffee, 5, 5, now.minus(Duration.ofDays(200)), now.minus(Duration.ofDays(29)), 30.0),
                        new PurchaseStats(
                                gloves, 3, 300, now.minus(Duration.ofDays(200)), now.minus(Duration.ofDays(5)), 90.0)),
                null,
                null,
                null,
                null,
                null);
        redis.value(String.class).set(HotState.anonymousAlias(anonymous), profileId);
        redis.hash(String.class)
                .hset(HotState.profile(profileId), HotState.PROFILE_SNAPSHOT_FIELD, mapper.writeValueAsString(profile));

        ValidatableResponse response = given().contentType("application/json")
                .body(
                        """
                        {"shopper":{"anonymousId":"%s"},"context":{"pageType":"home"},
                         "placements":[{"placement":"reorder","limit":5},{"placement":"new_arrivals","limit":5}]}
                        """
                                .formatted(anonymous))
                .post("/v1/recommendations")
                .then()
                .statusCode(200);
        response.body("placements[0].items[0].productId", equalTo(coffee))
                .body("placements[0].items[0].strategy", equalTo("replenishment"))
                .body("placements[0].items[0].reason", equalTo("You usually reorder every 30 days"))
                .body("placements[0].items[1].productId", equalTo(gloves))
                .body("placements[0].items[1].reason", equalTo("On your reorder list: ordered 3 times, 300 units"))
                .body("placements[1].items[0].productId", equalTo(fresh))
                .body("placements[1].items[0].reason", equalTo("New in " + category))
                .body("placements[1].items.productId", hasItem(old))
                .body("placements[1].fallback", equalTo(false));

        // a new shopper: no reorder list; new arrivals of every category still come (cold start)
        given().contentType("application/json")
                .body(
                        """
                        {"shopper":{"anonymousId":"new-%s"},"context":{"pageType":"category","categoryPath":["%s"]},
                         "placements":[{"placement":"reorder"},{"placement":"new_arrivals","limit":3}]}
                        """
                                .formatted(run, category))
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items.productId", not(hasItem(coffee)))
                .body("placements[1].items[0].productId", equalTo(fresh));
    }

    private static void boughtTogether(String request, String camera, String card) {
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items[0].productId", equalTo(card))
                .body("placements[0].items[0].strategy", equalTo("bought_together"))
                .body("placements[0].items[0].reason", equalTo("Often bought with Mirrorless camera X"))
                .body("placements[0].items.productId", not(hasItem(camera)));
    }

    private static void related(String request, String lens) {
        given().contentType("application/json")
                .body(request)
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items[0].productId", equalTo(lens))
                .body("placements[0].items[0].strategy", equalTo("related"))
                .body(
                        "placements[0].items[0].reason",
                        equalTo("Shoppers who viewed Mirrorless camera X also viewed this"));
    }

    private long linesOf(String run) {
        AtomicLong lines = new AtomicLong();
        orders.stream(Instant.now().minus(Duration.ofDays(1)), 1_000_000, line -> {
                    if (line.orderKey().startsWith("o-" + run)) {
                        lines.incrementAndGet();
                    }
                })
                .await()
                .atMost(Duration.ofSeconds(10));
        return lines.get();
    }

    private static void upsert(String... products) {
        given().contentType("application/json")
                .body("[" + String.join(",", products) + "]")
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(products.length));
    }

    private static String product(String id, String title, String category, String brand, LocalDate launch) {
        return """
                {"id":"%s","title":"%s","categoryPath":["%s"],"brand":"%s","price":10,"currency":"EUR","stock":5%s}
                """
                .formatted(id, title, category, brand, launch == null ? "" : ",\"launchDate\":\"" + launch + "\"");
    }

    private static Map.Entry<String, String> order(String customer, String orderId, Instant at, String... products) {
        StringBuilder lines = new StringBuilder();
        for (String p : products) {
            lines.append(lines.isEmpty() ? "" : ",").append("{\"productId\":\"%s\",\"quantity\":1}".formatted(p));
        }
        return Map.entry(
                "c:" + customer,
                """
                {"eventId":"%s","type":"order_completed","occurredAt":"%s","anonymousId":"a-%s","customerId":"%s",
                 "sessionId":"s-%s","properties":{"orderId":"%s","lines":[%s]}}
                """
                        .formatted(UUID.randomUUID(), at, customer, customer, orderId, orderId, lines));
    }

    private static Map.Entry<String, String> view(String shopper, String session, String product, Instant at) {
        return Map.entry(
                "a:" + shopper,
                """
                {"eventId":"%s","type":"product_view","occurredAt":"%s","anonymousId":"%s","sessionId":"%s",
                 "properties":{"productId":"%s"}}
                """
                        .formatted(UUID.randomUUID(), at, shopper, session, product));
    }
}
