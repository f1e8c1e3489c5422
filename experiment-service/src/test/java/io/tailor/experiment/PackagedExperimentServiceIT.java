package io.tailor.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged experiment-service (the JVM jar, or the native executable with -Pnative) on the real dev stack: what differs
 * between packaging modes (reflection, resources, configuration from the environment) is exercised here.
 */
@QuarkusIntegrationTest
class PackagedExperimentServiceIT {

    @Test
    void isReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/v1/experiments/evaluate"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void evaluatesAGrowthBookExperimentAndRefusesBadWeights() {
        given().contentType("application/json")
                .body(
                        """
                        {"experiment":{"key":"it-exp","variations":[0,1],"weights":[0.5,0.5],"coverage":1,
                                       "hashAttribute":"id","hashVersion":2},
                         "attributes":{"id":"it-unit-1"}}
                        """)
                .post("/v1/experiments/evaluate")
                .then()
                .statusCode(200)
                .body("inExperiment", equalTo(true));
        given().contentType("application/json")
                .body(
                        """
                        {"name":"IT","variations":[{"key":"control","weight":0.7},{"key":"b","weight":0.7}]}
                        """)
                .put("/v1/experiments/it-bad-weights")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
