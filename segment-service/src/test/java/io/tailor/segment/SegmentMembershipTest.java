package io.tailor.segment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import io.tailor.segment.cache.MembershipStore;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** profile-changes in → memberships in Redis and segment-changes out, on the real dev stack. */
@QuarkusTest
class SegmentMembershipTest {

    private static final ObjectMapper JSON = TailorJson.mapper();
    private static TopicClient kafka;

    @Inject
    RedisDataSource redis;

    @Inject
    MembershipStore store;

    @BeforeAll
    static void connect() {
        kafka = new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    static ProfileSnapshot profile(String id, long version, int sessions, int orders, CartState cart) {
        Instant now = Instant.now();
        return new ProfileSnapshot(
                id,
                version,
                null,
                List.of("a-" + id),
                Map.of(),
                ConsentState.UNKNOWN,
                now.minusSeconds(600),
                now,
                sessions,
                sessions * 3,
                sessions,
                orders,
                BigDecimal.valueOf(orders * 20L),
                BigDecimal.valueOf(20),
                orders == 0 ? null : now.minusSeconds(60),
                List.of(),
                cart,
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                "mobile",
                "GB",
                Lifecycle.NEW_VISITOR);
    }

    private void publish(ProfileSnapshot p) throws Exception {
        redis.value(String.class).set(HotState.anonymousAlias("a-" + p.profileId()), p.profileId());
        kafka.send(
                Topics.PROFILE_CHANGES,
                p.profileId(),
                JSON.writeValueAsString(
                        new ProfileChange(p.profileId(), p.version(), Instant.now(), "page_view", null, List.of(), p)));
    }

    private static String lookup(String profileId, String utmMedium) {
        return """
                {"shopper":{"anonymousId":"a-%s"},"context":{"pageType":"home","utm":{"medium":"%s"}}}
                """
                .formatted(profileId, utmMedium);
    }

    @Test
    void aSegmentsWholeMemberSetIsReadAPageAtATime() {
        // more members than one SSCAN page asks for (1,000), as a backfill reads them
        String segment = "large-" + UUID.randomUUID();
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < 2_500; i++) {
            stored.add("p-" + i);
        }
        redis.set(String.class).sadd("segment:members:" + segment, stored.toArray(String[]::new));

        List<List<String>> pages =
                store.memberPages(segment).collect().asList().await().atMost(Duration.ofSeconds(10));
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(union(pages)).isEqualTo(stored);
        assertThat(union(store.memberPages("none-" + segment)
                        .collect()
                        .asList()
                        .await()
                        .atMost(Duration.ofSeconds(10))))
                .isEmpty();
        redis.key().del("segment:members:" + segment);
    }

    private static Set<String> union(List<List<String>> pages) {
        Set<String> members = new HashSet<>();
        pages.forEach(members::addAll);
        return members;
    }

    @Test
    void membershipFollowsTheProfileWithEnterAndExitEvents() throws Exception {
        String id = UUID.randomUUID().toString();
        try (TopicClient.Watcher changes = kafka.watch(Topics.SEGMENT_CHANGES)) {
            publish(profile(id, 1, 1, 0, CartState.EMPTY));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                    .body(lookup(id, "none"))
                    .post("/v1/memberships/lookup")
                    .then()
                    .statusCode(200)
                    .body("segments.key", hasItem("first-time-visitor")));

            publish(profile(id, 2, 3, 2, CartState.EMPTY));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                    .body(lookup(id, "none"))
                    .post("/v1/memberships/lookup")
                    .then()
                    .statusCode(200)
                    .body("segments.key", hasItem("repeat-customer"))
                    .body("segments.key", not(hasItem("first-time-visitor"))));

            var exit =
                    changes.await(r -> id.equals(r.key()) && r.value().contains("\"exited\""), Duration.ofSeconds(30));
            assertThat(exit.value()).contains("first-time-visitor").contains("no longer matches");
            changes.await(
                    r -> id.equals(r.key())
                            && r.value().contains("repeat-customer")
                            && r.value().contains("\"entered\""),
                    Duration.ofSeconds(30));
        }
        publish(profile(id, 1, 1, 0, CartState.EMPTY));
        given().contentType("application/json")
                .body(lookup(id, "none"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", hasItem("repeat-customer"));
    }

    @Test
    void theDecidePathReadsTheCustomersMembershipsInOneRoundTripAndTheAnonymousOnesOtherwise() {
        String run = UUID.randomUUID().toString();
        String browsing = "p-anon-" + run;
        String customer = "p-cust-" + run;
        var aliases = redis.value(String.class);
        var hashes = redis.hash(String.class);
        aliases.set(HotState.anonymousAlias("a-" + run), browsing);
        aliases.set(HotState.customerAlias("c-" + run), customer);
        hashes.hset(HotState.memberships(browsing), Map.of("first-time-visitor", "1700000000000"));
        hashes.hset(
                HotState.memberships(customer),
                Map.of("repeat-customer", "1700000000000", "no-longer-defined", "1700000000000", "bad", "x"));

        // the customer id wins over the anonymous id; unknown segment keys and unreadable values are left out
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"a-" + run + "\",\"customerId\":\"c-" + run
                        + "\"},\"context\":{\"pageType\":\"home\"}}")
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("profileId", equalTo(customer))
                .body("segments.key", hasItem("repeat-customer"))
                .body("segments.key", not(hasItem("first-time-visitor")))
                .body("segments.key", not(hasItem("no-longer-defined")))
                .body("segments.find { it.key == 'repeat-customer' }.since", equalTo("2023-11-14T22:13:20Z"));
        // an unknown customer id falls back to the anonymous id
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"a-" + run + "\",\"customerId\":\"c-other-" + run
                        + "\"},\"context\":{\"pageType\":\"home\"}}")
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("profileId", equalTo(browsing))
                .body("segments.key", hasItem("first-time-visitor"));
        // nobody: no profile and no stored segments
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"a-nobody-" + run + "\"},\"context\":{\"pageType\":\"home\"}}")
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("profileId", org.hamcrest.Matchers.nullValue())
                .body("segments.key", not(hasItem("repeat-customer")));
    }

    @Test
    void anIdleCartEntersTheAbandonerSegmentOnSchedule() throws Exception {
        given().contentType("application/json")
                .body(
                        "{\"name\":\"Quick abandoners\",\"template\":\"cart-abandoner\",\"parameters\":{\"idleMinutes\":\"0.05\"}}")
                .put("/v1/segments/quick-abandoner")
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        String id = UUID.randomUUID().toString();
        CartState cart = new CartState(
                List.of(new OrderLine("p-1", 1, BigDecimal.TEN, null, null)), BigDecimal.TEN, Instant.now());
        publish(profile(id, 1, 1, 0, cart));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                .body(lookup(id, "none"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", hasItem("quick-abandoner")));
        given().get("/v1/segments/quick-abandoner")
                .then()
                .statusCode(200)
                .body("size", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void requestSegmentsAreDecidedFromThePage() {
        given().contentType("application/json")
                .body(
                        "{\"name\":\"Paid social arrivals\",\"scope\":\"request\",\"rule\":\"request.utm.medium == 'paid_social'\"}")
                .put("/v1/segments/paid-social-now")
                .then()
                .statusCode(200);
        String id = UUID.randomUUID().toString();
        given().contentType("application/json")
                .body(lookup(id, "paid_social"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", hasItem("paid-social-now"));
        given().contentType("application/json")
                .body(lookup(id, "email"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", not(hasItem("paid-social-now")));
    }

    @Test
    void badDefinitionsAreExplainedAndNothingIsStored() {
        given().contentType("application/json")
                .body("{\"name\":\"Typo\",\"rule\":\"profile.ordrs > 1\"}")
                .put("/v1/segments/typo")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("rule"))
                .body("errors[0].message", containsString("line 1, column"));
        given().get("/v1/segments/typo").then().statusCode(404);
        given().contentType("application/json")
                .body("{\"name\":\"X\",\"template\":\"nope\"}")
                .put("/v1/segments/x")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("template"));
        given().contentType("application/json")
                .body("{\"name\":\"X\",\"template\":\"repeat-customer\",\"parameters\":{\"minOrders\":\"2; drop\"}}")
                .put("/v1/segments/x")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("parameters.minOrders"));
        given().contentType("application/json")
                .body("{\"name\":\"X\",\"rule\":\"true\"}")
                .put("/v1/segments/Bad Key")
                .then()
                .statusCode(400);
    }
}
