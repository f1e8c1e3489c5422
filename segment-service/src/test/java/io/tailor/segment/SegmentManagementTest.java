package io.tailor.segment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.contracts.HotState;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import io.tailor.segment.testing.ShopperHistories;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management API on the real dev stack: versioned saves, enable and disable, list and get with sizes, previews
 * that equal the membership after the backfill, edits that re-evaluate members, explanations, deletes refused while
 * content or experiments use the segment, and bad input refused whole.
 */
@QuarkusTest
class SegmentManagementTest {

    private static TopicClient kafka;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void connect() {
        kafka = SegmentTestSupport.kafka();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void usersAnswerAgain() {
        UserServicesStub.SLOTS.set("[]");
        UserServicesStub.EXPERIMENTS.set("[]");
        UserServicesStub.EXPERIMENTS_DOWN.set(false);
    }

    private static String definition(String name, String rule) {
        return "{\"name\":\"" + name + "\",\"rule\":\"" + rule + "\"}";
    }

    private static JsonPath get(String key) {
        return given().get("/v1/segments/" + key)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void segmentsAreVersionedEnabledDisabledAndEditsReevaluateTheirMembers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "buyers-" + run;
        ProfileSnapshot one = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 1, 30);
        ProfileSnapshot two = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 2, 60);
        ProfileSnapshot three = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 3, 90);
        Set<String> ids = Set.of(one.profileId(), two.profileId(), three.profileId());
        SegmentTestSupport.publish(kafka, redis, List.of(one, two, three));

        SegmentTestSupport.put(key, definition("Buyers " + run, SegmentTestSupport.ofRun(run, "profile.orders >= 2")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.members(redis, key, ids))
                        .containsExactlyInAnyOrder(two.profileId(), three.profileId()));
        assertThat(get(key).getInt("size")).isEqualTo(2);
        assertThat(get(key).getInt("version")).isEqualTo(1);

        try (TopicClient.Watcher changes = kafka.watch(Topics.SEGMENT_CHANGES)) {
            // an edit based on the version read is saved as version 2 and re-evaluates the members
            given().contentType("application/json")
                    .body("{\"name\":\"Buyers " + run + "\",\"expectedVersion\":1,\"rule\":\""
                            + SegmentTestSupport.ofRun(run, "profile.orders >= 3") + "\"}")
                    .put("/v1/segments/" + key)
                    .then()
                    .statusCode(200)
                    .body("version", equalTo(2));
            var exit = changes.await(
                    r -> two.profileId().equals(r.key())
                            && r.value().contains(key)
                            && r.value().contains("\"exited\""),
                    Duration.ofSeconds(30));
            assertThat(exit.value()).contains("segment edited (version 2)").contains("\"segmentVersion\":2");
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(SegmentTestSupport.members(redis, key, ids)).containsExactly(three.profileId()));
        assertThat(SegmentTestSupport.segmentsOf(redis, two.profileId())).doesNotContain(key);

        // an edit based on an old version is refused and changes nothing
        given().contentType("application/json")
                .body("{\"name\":\"Buyers " + run + "\",\"expectedVersion\":1,\"rule\":\"profile.orders >= 1\"}")
                .put("/v1/segments/" + key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("version 2"));
        given().get("/v1/segments/" + key + "/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(2, 1)))
                .body("rule[1]", containsString("profile.orders >= 2"));

        // disabled: every member leaves; enabled again: they are back
        given().post("/v1/segments/" + key + "/disable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("version", equalTo(3));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(SegmentTestSupport.members(redis, key, ids)).isEmpty());
        assertThat(SegmentTestSupport.segmentsOf(redis, three.profileId())).doesNotContain(key);
        given().post("/v1/segments/" + key + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.segmentsOf(redis, three.profileId()))
                        .contains(key));

        given().get("/v1/segments")
                .then()
                .statusCode(200)
                .body("key", hasItem(key))
                .body("find { it.key == '" + key + "' }.size", equalTo(1))
                .body("find { it.key == '" + key + "' }.version", equalTo(4));
    }

    @Test
    void aPreviewCountsWhatTheMembershipIsAfterTheBackfill() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant built = Instant.now();
        Map<String, ProfileSnapshot> profiles = ShopperHistories.fold(ShopperHistories.retailEvents(built), built, run);
        long before = preview("{\"rule\":\"true\",\"sample\":0}").getLong("profiles");
        SegmentTestSupport.publish(kafka, redis, profiles.values());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        preview("{\"rule\":\"true\",\"sample\":0}").getLong("profiles"))
                .isGreaterThanOrEqualTo(before + profiles.size()));

        String rule = "profile.orders >= 2 && profile.totalSpend > 150.0";
        JsonPath preview = preview("{\"rule\":\"" + rule + "\",\"sample\":5}");
        long matching = preview.getLong("matching");
        List<String> sample = preview.getList("sample.profileId");
        assertThat(matching).isPositive();
        assertThat(sample).hasSize((int) Math.min(5, matching));
        assertThat(preview.getList("fields", String.class)).contains("profile.orders", "profile.totalSpend");
        assertThat(preview.getString("sample[0].values.'profile.orders'")).isNotNull();

        String key = "big-repeat-" + run;
        SegmentTestSupport.put(key, definition("Big repeat buyers " + run, rule));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath saved = get(key);
            assertThat(saved.getString("backfill.state")).isEqualTo("done");
            assertThat(saved.getLong("size")).isEqualTo(matching);
        });
        Set<String> members = redis.set(String.class).smembers("segment:members:" + key);
        assertThat(members).hasSize((int) matching).containsAll(sample);
        // the stored segment's own preview says the same
        given().get("/v1/segments/" + key + "/preview?sample=0")
                .then()
                .statusCode(200)
                .body("matching", equalTo((int) matching));
    }

    @Test
    void aBackfillLargerThanAPageEntersAndExitsEveryoneOnceAndKeepsTheStayersEntryTime() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "paged-" + run;
        // 1,200 profiles: more than one page of the member set (1,000) and of a backfill step (500)
        List<ProfileSnapshot> profiles = IntStream.range(0, 1_200)
                .mapToObj(i -> SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 1 + i % 3, 50))
                .toList();
        SegmentTestSupport.publish(kafka, redis, profiles);
        String all = SegmentTestSupport.ofRun(run, "profile.orders >= 1");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        preview("{\"rule\":\"" + all + "\",\"sample\":0}").getLong("matching"))
                .isEqualTo(1_200));

        SegmentTestSupport.put(key, definition("Paged " + run, all));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath saved = get(key);
            assertThat(saved.getString("backfill.state")).isEqualTo("done");
            assertThat(saved.getLong("backfill.entered")).isEqualTo(1_200);
            assertThat(saved.getLong("size")).isEqualTo(1_200);
        });
        String stayer = profiles.get(2).profileId(); // three orders
        String enteredAt = redis.hash(String.class).hget(HotState.memberships(stayer), key);

        given().contentType("application/json")
                .body("{\"name\":\"Paged " + run + "\",\"expectedVersion\":1,\"rule\":\""
                        + SegmentTestSupport.ofRun(run, "profile.orders >= 3") + "\"}")
                .put("/v1/segments/" + key)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath saved = get(key);
            assertThat(saved.getInt("version")).isEqualTo(2);
            assertThat(saved.getString("backfill.state")).isEqualTo("done");
            assertThat(saved.getLong("backfill.exited")).isEqualTo(800);
            assertThat(saved.getLong("backfill.entered")).isZero();
            assertThat(saved.getLong("size")).isEqualTo(400);
        });
        assertThat(redis.hash(String.class).hget(HotState.memberships(stayer), key))
                .isEqualTo(enteredAt);
        assertThat(SegmentTestSupport.segmentsOf(redis, profiles.get(0).profileId()))
                .doesNotContain(key);
    }

    private static JsonPath preview(String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void explainSaysWhyAShopperIsOrIsNotInASegment() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "explained-" + run;
        ProfileSnapshot in = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 3, 120);
        ProfileSnapshot out = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 1, 40);
        SegmentTestSupport.put(
                key, definition("Explained " + run, SegmentTestSupport.ofRun(run, "profile.orders >= 2")));
        SegmentTestSupport.publish(kafka, redis, List.of(in, out));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.segmentsOf(redis, in.profileId()))
                        .contains(key));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/v1/segments/" + key + "/explain?profileId=" + out.profileId())
                        .then()
                        .statusCode(200)
                        .body("matches", equalTo(false))
                        .body("member", equalTo(false))
                        .body("values.'profile.orders'", equalTo(1))
                        .body("explanation", containsString("does not match")));
        given().get("/v1/segments/" + key + "/explain?anonymousId=a-" + in.profileId())
                .then()
                .statusCode(200)
                .body("profileId", equalTo(in.profileId()))
                .body("matches", equalTo(true))
                .body("member", equalTo(true))
                .body("memberSince", org.hamcrest.Matchers.notNullValue())
                .body("values.'profile.orders'", equalTo(3))
                .body("explanation", containsString("is a member"));

        given().get("/v1/segments/" + key + "/explain")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("profileId"));
        given().get("/v1/segments/" + key + "/explain?profileId=" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/segments/no-such-" + run + "/explain?profileId=" + in.profileId())
                .then()
                .statusCode(404);
    }

    @Test
    void badDefinitionsAreRefusedWithTheWrongPartNamedAndNothingStored() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String[]> cases = new LinkedHashMap<>();
        // body, expected field, expected words
        cases.put("parse", new String[] {definition("P " + run, "profile.orders >= "), "rule", "column"});
        cases.put(
                "type", new String[] {definition("T " + run, "profile.orders > 'x'"), "rule", "no matching overload"});
        cases.put("unknown-field", new String[] {definition("U " + run, "profile.ordrs > 1"), "rule", "ordrs"});
        cases.put("not-bool", new String[] {definition("B " + run, "profile.orders"), "rule", "bool"});
        cases.put("too-long", new String[] {
            definition("L " + run, "profile.orders > 1" + " || profile.orders > 1".repeat(250)), "rule", "at most 4000"
        });
        cases.put("too-costly", new String[] {
            definition(
                    "C " + run,
                    "profile.purchases.exists(p, profile.purchases.exists(q, p.productId == q.productId"
                            + " && p.orders > q.orders))"),
            "rule",
            "too costly"
        });
        cases.put(
                "unknown-body-field",
                new String[] {"{\"name\":\"F " + run + "\",\"rul\":\"profile.orders > 1\"}", "rul", "unknown field"});
        cases.put("wrong-type", new String[] {
            "{\"name\":\"W " + run + "\",\"rule\":\"profile.orders > 99999\",\"enabled\":\"maybe\"}",
            "enabled",
            "wrong type"
        });
        cases.put("bad-parameter", new String[] {
            "{\"name\":\"M " + run + "\",\"template\":\"lapsing-customer\",\"parameters\":{\"afterDays\":\"-3\"}}",
            "parameters.afterDays",
            "at least 0"
        });
        cases.put("unknown-parameter", new String[] {
            "{\"name\":\"N " + run + "\",\"template\":\"repeat-customer\",\"parameters\":{\"orders\":\"3\"}}",
            "parameters.orders",
            "minOrders"
        });
        cases.put("bad-wake-up", new String[] {
            "{\"name\":\"K " + run + "\",\"rule\":\"profile.orders > 99999\",\"wakeUp\":\"profile.orders\"}",
            "wakeUp",
            "timestamp"
        });
        cases.forEach((name, c) -> {
            String key = name + "-" + run;
            given().contentType("application/json")
                    .body(c[0])
                    .put("/v1/segments/" + key)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(c[1]))
                    .body("errors.message", hasItem(containsString(c[2])));
            given().get("/v1/segments/" + key).then().statusCode(404);
        });
        // a preview refuses the same rules, and sample sizes out of range
        given().contentType("application/json")
                .body("{\"rule\":\"profile.ordrs > 1\"}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("rule"));
        given().contentType("application/json")
                .body("{\"rule\":\"true\",\"sample\":1000}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sample"));

        // names are unique whatever their case: the second is refused, the first unchanged
        SegmentTestSupport.put("first-" + run, definition("Loyal " + run, "profile.orders >= 5"));
        given().contentType("application/json")
                .body(definition("LOYAL " + run, "profile.orders >= 6"))
                .put("/v1/segments/second-" + run)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("first-" + run));
        given().get("/v1/segments/second-" + run).then().statusCode(404);
        given().get("/v1/segments/first-" + run + "/versions")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void aSegmentInUseIsNotDeletedAndItsUsersAreListed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "targeted-" + run;
        ProfileSnapshot member = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 2, 50);
        SegmentTestSupport.put(
                key, definition("Targeted " + run, SegmentTestSupport.ofRun(run, "profile.orders >= 1")));
        SegmentTestSupport.publish(kafka, redis, List.of(member));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.segmentsOf(redis, member.profileId()))
                        .contains(key));

        UserServicesStub.SLOTS.set(
                """
                [{"key":"home_hero","variants":[{"key":"vip","targeting":{"segments":["%s"]}},
                 {"key":"default","targeting":{}}]}]"""
                        .formatted(key));
        UserServicesStub.OFFERS.set(
                """
                [{"key":"vip-10","kind":"percentage","targeting":{"segments":["%s"]}},{"key":"all-5","kind":"percentage"}]"""
                        .formatted(key));
        UserServicesStub.EXPERIMENTS.set(
                """
                [{"key":"checkout-copy","status":"running","targeting":{"segments":["%s"]}}]"""
                        .formatted(key));
        given().delete("/v1/segments/" + key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("usedBy"))
                .body(
                        "errors.message",
                        hasItems(
                                "content slot home_hero, variant vip",
                                "offer vip-10",
                                "experiment checkout-copy (running)"));
        get(key);
        assertThat(SegmentTestSupport.segmentsOf(redis, member.profileId())).contains(key);

        // a user service that cannot be asked: nothing is deleted
        UserServicesStub.SLOTS.set("[]");
        UserServicesStub.OFFERS.set("[]");
        UserServicesStub.EXPERIMENTS_DOWN.set(true);
        given().delete("/v1/segments/" + key)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("experiment-service"));
        get(key);

        // forced: disabled instead, with the warning; members leave
        given().delete("/v1/segments/" + key + "?force=true")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(false))
                .body("disabled", equalTo(true))
                .body("warning", containsString("disabled instead"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.segmentsOf(redis, member.profileId()))
                        .doesNotContain(key));

        // no longer used: deleted
        UserServicesStub.EXPERIMENTS.set("[]");
        UserServicesStub.EXPERIMENTS_DOWN.set(false);
        given().delete("/v1/segments/" + key).then().statusCode(200).body("deleted", equalTo(true));
        given().get("/v1/segments/" + key).then().statusCode(404);
        given().get("/v1/segments").then().body("key", not(hasItem(key)));
        given().delete("/v1/segments/" + key).then().statusCode(404);
    }
}
