package io.tailor.experiment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.contracts.HotState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeatureApiTest {

    @Inject
    RedisDataSource redis;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void putFeature(String key, String body) {
        given().contentType("application/json")
                .body(body)
                .put("/v1/experiments/features/" + key)
                .then()
                .statusCode(200);
    }

    private static String rollout(double coverage) {
        return """
                {"description":"New checkout","valueType":"boolean","defaultValue":false,
                 "rules":[{"type":"rollout","coverage":%s,"value":true}]}
                """
                .formatted(coverage);
    }

    private static JsonPath evaluate(String anonymousId, String customerId, String context, String... keys) {
        String shopper = customerId == null
                ? "{\"anonymousId\":\"" + anonymousId + "\"}"
                : "{\"anonymousId\":\"" + anonymousId + "\",\"customerId\":\"" + customerId + "\"}";
        String keyList = keys.length == 0 ? "null" : "[\"" + String.join("\",\"", keys) + "\"]";
        return given().contentType("application/json")
                .body("{\"shopper\":" + shopper + ",\"context\":" + context + ",\"keys\":" + keyList + "}")
                .post("/v1/features/evaluate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Set<String> rolledOut(String key, List<String> units) {
        Set<String> in = new HashSet<>();
        for (String unit : units) {
            if (evaluate(unit, null, "{}", key).getBoolean("features.'" + key + "'.value")) {
                in.add(unit);
            }
        }
        return in;
    }

    @Test
    void featuresAreCreatedVersionedListedAndDeleted() {
        String key = unique("checkout");
        putFeature(key, rollout(0.1));
        given().get("/v1/experiments/features/" + key)
                .then()
                .statusCode(200)
                .body("key", equalTo(key))
                .body("valueType", equalTo("boolean"))
                .body("defaultValue", equalTo(false))
                .body("version", equalTo(1))
                .body("rules[0].type", equalTo("rollout"))
                .body("rules[0].coverage", equalTo(0.1f));
        putFeature(key, rollout(0.3));
        given().get("/v1/experiments/features/" + key).then().body("version", equalTo(2));
        given().get("/v1/experiments/features/" + key + "/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("definition[0].rules[0].coverage", equalTo(0.1f))
                .body("definition[1].rules[0].coverage", equalTo(0.3f));
        given().get("/v1/experiments/features").then().statusCode(200).body("key", hasItem(key));

        given().delete("/v1/experiments/features/" + key).then().statusCode(204);
        given().get("/v1/experiments/features/" + key).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/experiments/features/" + key + "/versions").then().statusCode(404);
        given().delete("/v1/experiments/features/" + key).then().statusCode(404);
        given().get("/v1/experiments/features").then().body("key", not(hasItem(key)));
        assertThat(evaluate("anon-1", null, "{}", key).getString("features.'" + key + "'.source"))
                .isEqualTo("unknownFeature");
    }

    @Test
    void badFeaturesAreProblemsNamingTheFieldAndNothingIsStored() {
        String key = unique("bad");
        given().contentType("application/json")
                .body("{\"valueType\":\"colour\",\"defaultValue\":\"red\"}")
                .put("/v1/experiments/features/" + key)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("valueType")));
        given().contentType("application/json")
                .body(
                        """
                        {"valueType":"number","defaultValue":1,"rules":[
                          {"type":"rollout","coverage":1.5,"value":2},
                          {"type":"force","condition":"request.pageType ==","value":3},
                          {"type":"force","value":"three"},
                          {"type":"experiment","experiment":"no-such-experiment","values":{"a":1}}]}
                        """)
                .put("/v1/experiments/features/" + key)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems("rules[0].coverage", "rules[1].condition", "rules[2].value", "rules[3].experiment"));
        given().contentType("application/json")
                .body("{\"valueType\":\"boolean\",\"defaultValue\":false}")
                .put("/v1/experiments/features/Not%20A%20Key")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("key"));
        given().get("/v1/experiments/features/" + key).then().statusCode(404);
        given().contentType("application/json")
                .body("{\"context\":{}}")
                .post("/v1/features/evaluate")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("shopper"));
    }

    @Test
    void aRolloutGivesItsShareOfShoppersTheValueStablyAndRaisingItKeepsThem() {
        String key = unique("rollout");
        putFeature(key, rollout(0.2));
        List<String> units = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> "anon-" + key + "-" + i)
                .toList();
        Set<String> at20 = rolledOut(key, units);
        // binomial sd at n=500, p=0.2 is ~9 units
        assertThat(at20.size()).isBetween(65, 135);
        assertThat(rolledOut(key, units)).isEqualTo(at20);
        JsonPath one = evaluate(units.get(0), null, "{}", key);
        assertThat(one.getString("features.'" + key + "'.source"))
                .isEqualTo(at20.contains(units.get(0)) ? "rollout" : "defaultValue");

        putFeature(key, rollout(0.5));
        Set<String> at50 = rolledOut(key, units);
        assertThat(at50).containsAll(at20);
        assertThat(at50.size()).isBetween(200, 300);
    }

    @Test
    void forcedValuesFollowSegmentsAndConditionsInRuleOrder() {
        String key = unique("banner");
        String segment = unique("vip");
        SegmentServiceStub.KNOWN.add(segment);
        putFeature(
                key,
                """
                {"valueType":"string","defaultValue":"plain","rules":[
                  {"type":"force","segments":["%s"],"value":"gold"},
                  {"type":"force","condition":"request.pageType == 'cart'","value":"cart"}]}
                """
                        .formatted(segment));
        String member = unique("anon");
        String profileId = unique("profile");
        redis.value(String.class).setex(HotState.anonymousAlias(member), 600, profileId);
        redis.hash(String.class)
                .hset(HotState.memberships(profileId), segment, Long.toString(System.currentTimeMillis()));
        redis.key().expire(HotState.memberships(profileId), Duration.ofMinutes(10));

        String path = "features.'" + key + "'";
        JsonPath vip = evaluate(member, null, "{\"pageType\":\"cart\"}", key);
        assertThat(vip.getString(path + ".value")).isEqualTo("gold");
        assertThat(vip.getInt(path + ".ruleIndex")).isZero();
        JsonPath cart = evaluate(unique("anon"), null, "{\"pageType\":\"cart\"}", key);
        assertThat(cart.getString(path + ".value")).isEqualTo("cart");
        assertThat(cart.getString(path + ".source")).isEqualTo("force");
        assertThat(cart.getInt(path + ".ruleIndex")).isEqualTo(1);
        JsonPath home = evaluate(unique("anon"), null, "{\"pageType\":\"home\"}", key);
        assertThat(home.getString(path + ".value")).isEqualTo("plain");
        assertThat(home.getString(path + ".source")).isEqualTo("defaultValue");
    }

    @Test
    void anExperimentRuleServesTheValueOfTheShoppersVariation() {
        String experiment = unique("hero");
        given().contentType("application/json")
                .body("{\"name\":\"Hero\",\"variations\":[{\"key\":\"control\"},{\"key\":\"big\"}]}")
                .put("/v1/experiments/" + experiment)
                .then()
                .statusCode(200);
        given().post("/v1/experiments/" + experiment + "/start").then().statusCode(200);
        String key = unique("hero-size");
        given().contentType("application/json")
                .body(
                        """
                        {"valueType":"json","defaultValue":{"height":200},"rules":[
                          {"type":"experiment","experiment":"%s","values":{"control":{"height":200}}}]}
                        """
                                .formatted(experiment))
                .put("/v1/experiments/features/" + key)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("rules[0].values"));
        putFeature(
                key,
                """
                {"valueType":"json","defaultValue":{"height":100},"rules":[
                  {"type":"experiment","experiment":"%s","values":{"control":{"height":200},"big":{"height":400}}}]}
                """
                        .formatted(experiment));
        Map<String, Integer> heights = Map.of("control", 200, "big", 400);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String anon = "anon-" + key + "-" + i;
            List<Map<String, Object>> assignments = given().contentType("application/json")
                    .body("{\"shopper\":{\"anonymousId\":\"" + anon + "\"},\"context\":{}}")
                    .post("/v1/assignments")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("assignments");
            String variation = assignments.stream()
                    .filter(a -> experiment.equals(a.get("experimentKey")))
                    .map(a -> (String) a.get("variationKey"))
                    .findFirst()
                    .orElseThrow();
            JsonPath features = evaluate(anon, null, "{}", key);
            String path = "features.'" + key + "'";
            assertThat(features.getString(path + ".source")).isEqualTo("experiment");
            assertThat(features.getString(path + ".experimentKey")).isEqualTo(experiment);
            assertThat(features.getString(path + ".variationKey")).isEqualTo(variation);
            assertThat(features.getInt(path + ".value.height")).isEqualTo(heights.get(variation));
            seen.add(variation);
        }
        assertThat(seen).containsExactlyInAnyOrder("control", "big");

        given().post("/v1/experiments/" + experiment + "/stop").then().statusCode(200);
        JsonPath after = evaluate("anon-" + key + "-0", null, "{}", key);
        assertThat(after.getInt("features.'" + key + "'.value.height")).isEqualTo(100);
        assertThat(after.getString("features.'" + key + "'.source")).isEqualTo("defaultValue");
    }

    @Test
    void withoutKeysEveryFeatureIsEvaluated() {
        String a = unique("all-a");
        String b = unique("all-b");
        putFeature(a, "{\"valueType\":\"string\",\"defaultValue\":\"x\"}");
        putFeature(b, "{\"valueType\":\"number\",\"defaultValue\":7}");
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"anon-all\"}}")
                .post("/v1/features/evaluate")
                .then()
                .statusCode(200)
                .body("features.'" + a + "'.value", equalTo("x"))
                .body("features.'" + b + "'.value", equalTo(7))
                .body("holdout", equalTo(false));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"anon-all\"},\"keys\":[\"" + a + "\"]}")
                .post("/v1/features/evaluate")
                .then()
                .statusCode(200)
                .body("features.size()", equalTo(1))
                .body("features.'" + a + "'.source", equalTo("defaultValue"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"anon-all\"},\"keys\":[\"never-made\"]}")
                .post("/v1/features/evaluate")
                .then()
                .statusCode(200)
                .body("features.'never-made'.source", equalTo("unknownFeature"));
    }
}
