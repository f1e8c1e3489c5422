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

/** Targeting, forcing, sticky assignment, versions and validation on the real stack. */
@QuarkusTest
class AssignmentFeaturesTest {

    private static Map<String, Object> mine(String key, String anonymousId, String pageType) {
        List<Map<String, Object>> all = given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + anonymousId + "\"},\"context\":{\"pageType\":\"" + pageType
                        + "\"}}")
                .post("/v1/assignments")
                .then()
                .statusCode(200)
                .extract()
                .path("assignments");
        return all.stream()
                .filter(a -> key.equals(a.get("experimentKey")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void celTargetingAndForcedQaUnits() {
        String key = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body(
                        """
                        {"name":"Product page test","variations":[{"key":"control"},{"key":"treatment"}],
                         "targeting":{"rule":"request.pageType == 'product'"},
                         "forced":{"qa-tester":"treatment"}}""")
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200);
        given().post("/v1/experiments/" + key + "/start").then().statusCode(200);
        assertThat(mine(key, "shopper-1", "home")).isNull();
        assertThat(mine(key, "shopper-1", "product")).isNotNull();
        for (int i = 0; i < 3; i++) {
            assertThat(mine(key, "qa-tester", "home")).containsEntry("variationKey", "treatment");
        }
    }

    @Test
    void stickyExperimentsKeepEveryoneInTheirVariationWhenWeightsChange() {
        String key = "s-" + UUID.randomUUID().toString().substring(0, 8);
        String body =
                """
                {"name":"Sticky","stickyDays":30,"variations":[{"key":"control","weight":%s},{"key":"treatment","weight":%s}]}""";
        given().contentType("application/json")
                .body(body.formatted(0.5, 0.5))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200);
        given().post("/v1/experiments/" + key + "/start").then().statusCode(200);
        Map<String, Object> before = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            before.put("u" + i, mine(key, key + "-u" + i, "home").get("variationKey"));
        }
        given().contentType("application/json")
                .body(body.formatted(0.1, 0.9))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        int treatmentNew = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(mine(key, key + "-u" + i, "home").get("variationKey")).isEqualTo(before.get("u" + i));
            if ("treatment".equals(mine(key, key + "-new" + i, "home").get("variationKey"))) {
                treatmentNew++;
            }
        }
        assertThat(treatmentNew).isGreaterThan(75);
        given().get("/v1/experiments/" + key + "/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
        // Variations themselves still cannot change while running.
        given().contentType("application/json")
                .body(
                        "{\"name\":\"Sticky\",\"stickyDays\":30,\"variations\":[{\"key\":\"control\"},{\"key\":\"other\"}]}")
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void unknownMetricsBadRulesAndBadForcesAreProblemsNamingTheField() {
        given().contentType("application/json")
                .body(
                        """
                        {"name":"Bad","variations":[{"key":"a"},{"key":"b"}],"metrics":["conversion_rate","nope"],
                         "guardrails":["also_nope"],"targeting":{"rule":"request.pageType =="},
                         "forced":{"qa":"c"},"stickyDays":0}""")
                .put("/v1/experiments/bad-everything")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("metrics[1]"))
                .body("errors.field", hasItem("guardrails[0]"))
                .body("errors.field", hasItem("targeting.rule"))
                .body("errors.field", hasItem("forced.qa"))
                .body("errors.field", hasItem("stickyDays"));
        given().get("/v1/experiments/bad-everything").then().statusCode(404);
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"variations\":[{\"key\":\"a\"},{\"key\":\"b\"}]}")
                .put("/v1/experiments/evaluate")
                .then()
                .statusCode(400);
    }

    @Test
    void everyGrowthBookRunCaseAnswersTheSameOverHttp() {
        List<Object[]> cases = io.tailor.experiment.service.GrowthBookRunCasesTestSupport.cases();
        for (Object[] c : cases) {
            Map<String, Object> result = given().contentType("application/json")
                    .body(c[1].toString())
                    .post("/v1/experiments/evaluate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(Map.class);
            assertThat(result.get("inExperiment")).as((String) c[0]).isEqualTo(c[3]);
            assertThat(result.get("hashUsed")).as((String) c[0]).isEqualTo(c[4]);
        }
    }
}
