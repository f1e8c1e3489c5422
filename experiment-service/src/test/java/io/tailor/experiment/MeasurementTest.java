package io.tailor.experiment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.devstack.TopicClient;
import io.tailor.experiment.service.ExperimentDataEraser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Exposures and conversions from Kafka into results, on the real PostgreSQL, Redis and Kafka. */
@QuarkusTest
class MeasurementTest {

    @Inject
    ExperimentDataEraser eraser;

    private static TopicClient topics() {
        return new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static String exposure(String key, String unit, int variation) {
        return """
                {"decisionId":"%s","experimentKey":"%s","variationKey":"%s","variationIndex":%d,"unitId":"%s",
                 "source":"decide","at":"%s"}"""
                .formatted(
                        UUID.randomUUID(),
                        key,
                        variation == 0 ? "control" : "treatment",
                        variation,
                        unit,
                        Instant.now().minusSeconds(60));
    }

    private static String order(String unit, double total) {
        return """
                {"eventId":"%s","type":"order_completed","occurredAt":"%s","receivedAt":"%s","anonymousId":"%s",
                 "properties":{"orderId":"%s","total":%s,"currency":"GBP"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), Instant.now(), unit, UUID.randomUUID(), total);
    }

    @Test
    void exposuresAndOrdersBecomeResultsWithEveryStatistic() {
        String key = "m-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body(
                        """
                        {"name":"Measured","variations":[{"key":"control"},{"key":"treatment"}],
                         "metrics":["conversion_rate","revenue_per_visitor","average_order_value"],
                         "guardrails":["add_to_cart_rate"]}""")
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200);
        given().post("/v1/experiments/" + key + "/start").then().statusCode(200);

        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Map.Entry<String, String>> exposures = new ArrayList<>();
        List<Map.Entry<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String unit = "unit-" + run + "-" + i;
            exposures.add(Map.entry(unit, exposure(key, unit, i % 2)));
            exposures.add(Map.entry(unit, exposure(key, unit, i % 2))); // repeat: counted once
            boolean converts = i % 2 == 0 ? i % 6 == 0 : i % 3 == 0 || i % 5 == 0;
            if (converts) {
                orders.add(Map.entry(unit, order(unit, 20 + i)));
            }
        }
        try (TopicClient topics = topics()) {
            topics.sendAll("exposures", exposures);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/v1/experiments/" + key + "/results?fresh=true")
                            .then()
                            .statusCode(200)
                            .body("variations.units", equalTo(List.of(30, 30))));
            topics.sendAll("shopper-events", orders);
            topics.sendAll("shopper-events", orders.subList(0, 3)); // redelivered: counted once
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath r = given().get("/v1/experiments/" + key + "/results?fresh=true")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            int converted = orders.size();
            assertThat(r.getInt("metrics.find { it.metric == 'conversion_rate' }.variations[0].units")
                            + r.getInt("metrics.find { it.metric == 'conversion_rate' }.variations[1].units"))
                    .isEqualTo(60);
            double c0 = r.getDouble("metrics.find { it.metric == 'conversion_rate' }.variations[0].value");
            double c1 = r.getDouble("metrics.find { it.metric == 'conversion_rate' }.variations[1].value");
            assertThat(Math.round(c0 * 30 + c1 * 30)).isEqualTo(converted);
        });
        String body = given().get("/v1/experiments/" + key + "/results?fresh=true")
                .then()
                .statusCode(200)
                .body("srm.status", equalTo("ok"))
                .body("metrics.metric", hasItem("average_order_value"))
                .body("metrics.find { it.metric == 'conversion_rate' }.variations[1].comparison.status", equalTo("ok"))
                .body("metrics.find { it.metric == 'add_to_cart_rate' }.guardrail", equalTo(true))
                .body(
                        "metrics.find { it.metric == 'add_to_cart_rate' }.variations[1].comparison.status",
                        equalTo("not_enough_data"))
                .extract()
                .asString();
        assertThat(body).doesNotContain("NaN").doesNotContain("Infinity");
        JsonPath r = JsonPath.from(body);
        assertThat(
                        r.getDouble(
                                "metrics.find { it.metric == 'conversion_rate' }.variations[1].comparison.bayesian.chanceToBeatControl"))
                .isBetween(0.0, 1.0);
        assertThat(r.getDouble(
                        "metrics.find { it.metric == 'conversion_rate' }.variations[1].comparison.sequential.ciHigh"))
                .isGreaterThan(r.getDouble(
                        "metrics.find { it.metric == 'conversion_rate' }.variations[1].comparison.frequentist.ciHigh"));

        String csv = given().get("/v1/experiments/" + key + "/results.csv?fresh=true")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        assertThat(csv.lines().count()).isEqualTo(1 + 4 * 2);
        assertThat(csv).contains(key + ",,conversion_rate,proportion,false,treatment,30,");

        // Results are stored by the minute job (every 2 s in tests).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/experiments/" + key + "/results")
                .then()
                .statusCode(200)
                .body("variations.units", equalTo(List.of(30, 30))));
        // ... and kept over time: points per metric and variation with lift and interval against the control
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("metric", "conversion_rate")
                .get("/v1/experiments/" + key + "/results/history")
                .then()
                .statusCode(200)
                .body("variation", org.hamcrest.Matchers.hasItems("control", "treatment"))
                .body("findAll { it.variation == 'treatment' }[-1].units", equalTo(30))
                .body("findAll { it.variation == 'treatment' }[-1].ciLow", org.hamcrest.Matchers.notNullValue())
                .body("find { it.variation == 'control' }.relativeLift", org.hamcrest.Matchers.nullValue()));
        given().get("/v1/experiments/" + key + "/results/history?limit=0")
                .then()
                .statusCode(400);
        given().get("/v1/experiments/never-made/results/history").then().statusCode(404);

        // Erasure removes the shopper's exposures and metric values.
        eraser.erase(new PrivacyRequest(
                        UUID.randomUUID().toString(),
                        PrivacyRequest.Kind.ERASE,
                        "no-such-profile",
                        null,
                        List.of("unit-" + run + "-0"),
                        Instant.now()))
                .await()
                .atMost(Duration.ofSeconds(10));
        given().get("/v1/experiments/" + key + "/results?fresh=true")
                .then()
                .statusCode(200)
                .body("variations.units", equalTo(List.of(29, 30)));
    }

    @Test
    void anExperimentWithoutDataSaysSoAndBadRequestsAreProblems() {
        String key = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body("{\"name\":\"Empty\",\"variations\":[{\"key\":\"a\"},{\"key\":\"b\"}]}")
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200);
        String body = given().get("/v1/experiments/" + key + "/results")
                .then()
                .statusCode(200)
                .body("srm.status", equalTo("not_enough_data"))
                .body("metrics[0].variations[1].comparison.status", equalTo("not_enough_data"))
                .extract()
                .asString();
        assertThat(body).doesNotContain("NaN");
        given().get("/v1/experiments/never-made/results").then().statusCode(404);
        given().get("/v1/experiments/" + key + "/results?segment=Bad%20Segment")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("segment"));
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"kind\":\"median\",\"eventType\":\"order_completed\"}")
                .put("/v1/experiments/metrics/bad-metric")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
        given().contentType("application/json")
                .body(
                        """
                        {"name":"Orders per visitor","kind":"mean","eventType":"order_completed","valueSource":"count"}""")
                .put("/v1/experiments/metrics/orders_per_visitor")
                .then()
                .statusCode(200)
                .body("kind", equalTo("mean"));
        given().get("/v1/experiments/metrics").then().statusCode(200).body("key", hasItem("orders_per_visitor"));
    }

    @Test
    void aBanditLearnsKeepsExploringAndStops() {
        String key = "b-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body("{\"name\":\"Hero copy\",\"arms\":[\"a\",\"b\"],\"minExploration\":0.05}")
                .put("/v1/experiments/bandits/" + key)
                .then()
                .statusCode(200)
                .body("status", equalTo("running"));
        for (int i = 0; i < 200; i++) {
            String arm = given().post("/v1/experiments/bandits/" + key + "/choose")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("arm");
            if ("b".equals(arm) || i % 10 == 0) {
                given().contentType("application/json")
                        .body("{\"arm\":\"" + arm + "\"}")
                        .post("/v1/experiments/bandits/" + key + "/rewards")
                        .then()
                        .statusCode(200);
            }
        }
        JsonPath view = given().get("/v1/experiments/bandits/" + key)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(view.getDouble("arms[1].allocation")).isGreaterThan(view.getDouble("arms[0].allocation"));
        assertThat(view.getDouble("arms[0].allocation")).isGreaterThanOrEqualTo(0.03);
        given().post("/v1/experiments/bandits/" + key + "/stop").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            given().post("/v1/experiments/bandits/" + key + "/choose")
                    .then()
                    .statusCode(200)
                    .body("arm", equalTo("b"))
                    .body("stopped", equalTo(true));
        }
        given().contentType("application/json")
                .body("{\"arm\":\"zzz\"}")
                .post("/v1/experiments/bandits/" + key + "/rewards")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("arm"));
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"arms\":[\"a\",\"a\"],\"minExploration\":0.9}")
                .put("/v1/experiments/bandits/bad-bandit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("arms[1]"))
                .body("errors.field", hasItem("minExploration"));
    }
}
