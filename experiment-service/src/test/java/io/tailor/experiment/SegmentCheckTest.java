package io.tailor.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Targeted segment keys are checked against segment-service (here {@link SegmentServiceStub}) on save. */
@QuarkusTest
class SegmentCheckTest {

    @AfterEach
    void segmentServiceUp() {
        SegmentServiceStub.MODE.set(SegmentServiceStub.Mode.UP);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String experiment(String... segments) {
        String list = segments.length == 0 ? "" : "\"" + String.join("\",\"", segments) + "\"";
        return """
                {"name":"Targeted","variations":[{"key":"control"},{"key":"treatment"}],
                 "targeting":{"segments":[%s],"rule":"request.pageType == 'home'"}}
                """
                .formatted(list);
    }

    private static String feature(String segment) {
        return """
                {"valueType":"boolean","defaultValue":false,"rules":[
                  {"type":"force","value":true},
                  {"type":"rollout","coverage":0.5,"value":true,"segments":["%s"]}]}
                """
                .formatted(segment);
    }

    @Test
    void anUnknownSegmentIsAProblemNamingItsFieldAndNothingIsSaved() {
        String known = unique("known");
        String unknown = unique("unknown");
        SegmentServiceStub.KNOWN.add(known);
        String key = unique("targeted");
        given().contentType("application/json")
                .body(experiment(known, unknown))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("targeting.segments[1]")));
        given().get("/v1/experiments/" + key).then().statusCode(404);

        given().contentType("application/json")
                .body(experiment(known))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(200)
                .body("targeting.segments", equalTo(List.of(known)));

        String feature = unique("feature");
        given().contentType("application/json")
                .body(feature(unknown))
                .put("/v1/experiments/features/" + feature)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("rules[1].segments[0]")));
        given().get("/v1/experiments/features/" + feature).then().statusCode(404);
        given().contentType("application/json")
                .body(feature(known))
                .put("/v1/experiments/features/" + feature)
                .then()
                .statusCode(200)
                .body("rules[1].segments", equalTo(List.of(known)));
    }

    @Test
    void aFailingSegmentServiceRefusesTheSaveWith503() {
        String known = unique("known");
        SegmentServiceStub.KNOWN.add(known);
        String key = unique("targeted");
        String feature = unique("feature");
        SegmentServiceStub.MODE.set(SegmentServiceStub.Mode.FAILING);
        given().contentType("application/json")
                .body(experiment(known))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));
        given().contentType("application/json")
                .body(feature(known))
                .put("/v1/experiments/features/" + feature)
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        given().get("/v1/experiments/" + key).then().statusCode(404);
        given().get("/v1/experiments/features/" + feature).then().statusCode(404);
    }

    @Test
    void anUnreachableSegmentServiceRefusesTheSaveWith503() {
        String known = unique("known");
        SegmentServiceStub.KNOWN.add(known);
        String key = unique("targeted");
        SegmentServiceStub.MODE.set(SegmentServiceStub.Mode.DROPPING);
        given().contentType("application/json")
                .body(experiment(known))
                .put("/v1/experiments/" + key)
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        given().get("/v1/experiments/" + key).then().statusCode(404);
    }

    @Test
    void definitionsWithoutSegmentsDoNotNeedSegmentService() {
        SegmentServiceStub.MODE.set(SegmentServiceStub.Mode.DROPPING);
        given().contentType("application/json")
                .body(experiment())
                .put("/v1/experiments/" + unique("untargeted"))
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{\"valueType\":\"string\",\"defaultValue\":\"a\"}")
                .put("/v1/experiments/features/" + unique("plain"))
                .then()
                .statusCode(200);
    }

    @Test
    void localViolationsAreReportedBeforeSegmentsAreLookedUp() {
        SegmentServiceStub.MODE.set(SegmentServiceStub.Mode.FAILING);
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"coverage\":2,\"variations\":[{\"key\":\"a\"},{\"key\":\"b\"}],"
                        + "\"targeting\":{\"segments\":[\"whatever\"]}}")
                .put("/v1/experiments/" + unique("local"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("coverage"));
    }
}
