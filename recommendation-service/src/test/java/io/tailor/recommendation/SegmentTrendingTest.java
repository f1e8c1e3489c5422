package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TestStack;
import io.tailor.devstack.TopicClient;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Popularity within a segment: what the members of a segment view (memberships as segment-service keeps them in
 * Redis) becomes the trending_in_segment strategy for other members, and not for shoppers outside the segment.
 */
@QuarkusTest
class SegmentTrendingTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A shopper known to the hot state, in the given segments. */
    private String shopper(String name, String... segments) throws Exception {
        String anonymous = name + "-" + run;
        String profileId = "p-" + anonymous;
        Instant now = Instant.now();
        ProfileSnapshot profile = new ProfileSnapshot(
                profileId,
                1,
                null,
                List.of(anonymous),
                Map.of(),
                null,
                now,
                now,
                1,
                1,
                1,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                List.of(),
                null,
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
        redis.value(String.class).set(HotState.anonymousAlias(anonymous), profileId);
        redis.hash(String.class)
                .hset(HotState.profile(profileId), HotState.PROFILE_SNAPSHOT_FIELD, mapper.writeValueAsString(profile));
        for (String segment : segments) {
            redis.hash(String.class).hset(HotState.memberships(profileId), segment, Long.toString(now.toEpochMilli()));
        }
        return anonymous;
    }

    @Test
    void whatASegmentViewsTrendsForItsOtherMembers() throws Exception {
        String segment = "trade-" + run;
        String product = "crate-" + run;
        given().contentType("application/json")
                .body(
                        """
                        [{"id":"%s","title":"Stacking crate","categoryPath":["Storage"],"price":4,"currency":"GBP",
                          "stock":50}]
                        """
                                .formatted(product))
                .put("/v1/catalog/products")
                .then()
                .statusCode(200);
        String placement = "segment_trend_" + run;
        given().contentType("application/json")
                .body(
                        """
                        {"key":"%s","description":"Popular with your segment","strategies":[{"name":"trending_in_segment"}]}
                        """
                                .formatted(placement))
                .post("/v1/recommendations/placements")
                .then()
                .statusCode(201);

        String buyer = shopper("buyer", segment);
        try (TopicClient kafka = new TopicClient(TestStack.get().kafka().bootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                kafka.send(
                        Topics.SHOPPER_EVENTS,
                        "a:" + buyer,
                        """
                        {"eventId":"%s","type":"product_view","occurredAt":"%s","anonymousId":"%s",
                         "properties":{"productId":"%s","categoryPath":["Storage"]}}
                        """
                                .formatted(UUID.randomUUID(), Instant.now(), buyer, product));
            }
        }
        String member = shopper("member", segment);
        String outsider = shopper("outsider", "other-" + run);
        String ask =
                """
                {"shopper":{"anonymousId":"%s"},"placements":[{"placement":"%s","limit":5}]}
                """;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                .body(ask.formatted(member, placement))
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items.productId", hasItem(product))
                .body("placements[0].items[0].reason", equalTo("Popular with shoppers like you (" + segment + ")")));
        given().contentType("application/json")
                .body(ask.formatted(outsider, placement))
                .post("/v1/recommendations")
                .then()
                .statusCode(200)
                .body("placements[0].items.productId", not(hasItem(product)));
    }
}
