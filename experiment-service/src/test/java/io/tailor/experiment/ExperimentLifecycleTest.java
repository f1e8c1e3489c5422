package io.tailor.experiment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExperimentLifecycleTest {

    private static String definition(String weights) {
        return """
                {"name":"Hero layout","variations":[{"key":"control","weight":%s},{"key":"big_hero","weight":%s}]}
                """
                .formatted(weights.split(",")[0], weights.split(",")[1]);
    }

    private static String assignment(String anonymousId) {
        return "{\"shopper\":{\"anonymousId\":\"" + anonymousId + "\"},\"context\":{\"pageType\":\"home\"}}";
    }

    @Test
    void aRunningExperimentAssignsEveryShopperStablyAndRoughlyByWeight() {
        String key = "hero-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body(definition("0.5,0.5"))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
        given().post("/v1/experiments/" + key + "/start").then().statusCode(200).body("status", equalTo("running"));

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            String shopper = "shopper-" + i;
            List<Map<String, Object>> first = given().contentType("application/json")
                    .body(assignment(shopper))
                    .post("/v1/assignments")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("assignments");
            List<Map<String, Object>> again = given().contentType("application/json")
                    .body(assignment(shopper))
                    .post("/v1/assignments")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("assignments");
            Map<String, Object> mine = first.stream()
                    .filter(a -> key.equals(a.get("experimentKey")))
                    .findFirst()
                    .orElseThrow();
            assertThat(again).contains(mine);
            counts.merge((String) mine.get("variationKey"), 1, Integer::sum);
        }
        assertThat(counts.get("control")).isBetween(150, 250);
        assertThat(counts.get("big_hero")).isBetween(150, 250);

        given().contentType("application/json")
                .body(definition("0.9,0.1"))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().post("/v1/experiments/" + key + "/start").then().statusCode(409);
        given().post("/v1/experiments/" + key + "/stop").then().statusCode(200).body("status", equalTo("stopped"));
        given().get("/v1/experiments").then().statusCode(200).body("key", hasItem(key));
    }

    @Test
    void badDefinitionsAreProblemsNamingTheField() {
        given().contentType("application/json")
                .body(definition("0.7,0.7"))
                .put("/v1/experiments/bad-weights")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("variations"));
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"coverage\":1.5,\"variations\":[{\"key\":\"a\"},{\"key\":\"a\"}]}")
                .put("/v1/experiments/bad-coverage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("coverage"))
                .body("errors.field", hasItem("variations[1].key"));
        given().get("/v1/experiments/never-made").then().statusCode(404);
    }

    @Test
    void theStatelessEvaluationAnswersLikeAGrowthBookSdk() {
        String request =
                """
                {"experiment":{"key":"my-test","variations":[0,1],"hashVersion":2},
                 "attributes":{"id":"user-42"}}
                """;
        Map<String, Object> first = given().contentType("application/json")
                .body(request)
                .post("/v1/experiments/evaluate")
                .then()
                .statusCode(200)
                .body("inExperiment", equalTo(true))
                .body("hashAttribute", equalTo("id"))
                .extract()
                .as(Map.class);
        Map<String, Object> second = given().contentType("application/json")
                .body(request)
                .post("/v1/experiments/evaluate")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertThat(second).isEqualTo(first);
        given().contentType("application/json")
                .body(
                        "{\"experiment\":{\"key\":\"k\",\"variations\":[0,1],\"namespace\":[\"ns\",\"a\",1]},\"attributes\":{}}")
                .post("/v1/experiments/evaluate")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("experiment.namespace"));
    }
}
