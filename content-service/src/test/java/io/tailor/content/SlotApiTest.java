package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tailor.contracts.HotState;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The slot management API and decisions with full targeting, on the real stack (segment-service is stubbed). */
@QuarkusTest
class SlotApiTest {

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void segmentsExist() {
        SegmentServiceStub.KNOWN.add("repeat-customer");
    }

    @AfterEach
    void segmentServiceUp() {
        SegmentServiceStub.STATE.set(SegmentServiceStub.State.UP);
    }

    static String key() {
        return "t-" + UUID.randomUUID();
    }

    static ValidatableResponse put(String key, String body) {
        return given().contentType("application/json")
                .body(body)
                .put("/v1/content/slots/" + key)
                .then();
    }

    static ValidatableResponse decide(String slot, String shopper, String context) {
        return given().contentType("application/json")
                .body("{\"shopper\":" + shopper + ",\"context\":" + context + ",\"slots\":[\"" + slot + "\"]}")
                .post("/v1/content/decide")
                .then()
                .statusCode(200);
    }

    private static final String LANDING =
            """
            {"kind":"landing_hero","name":"Landing hero","variants":[
              {"key":"default","title":"Welcome","imageUrl":"https://cdn.example/default.jpg","default":true,
               "collection":{"category":"new-in"},"sortOrder":"new_first"},
              {"key":"spring-repeat","title":"Spring sale, again for you","imageUrl":"https://cdn.example/s2.jpg",
               "linkUrl":"/lp/spring","priority":10,
               "collection":{"productIds":["p-1","p-2"]},"sortOrder":"top_rated",
               "targeting":{"utmCampaigns":["spring-sale"],"segments":["repeat-customer"]}},
              {"key":"spring","title":"Spring sale","imageUrl":"https://cdn.example/s.jpg","priority":10,
               "targeting":{"utmCampaigns":["spring-sale"]}},
              {"key":"paid-social-mobile","title":"Hello from social","imageUrl":"https://cdn.example/m.jpg",
               "priority":5,"targeting":{"trafficSources":["paid_social"],"devices":["mobile"],"countries":["FR"],
               "pageTypes":["landing"],"pagePaths":["/lp/*"]}}]}
            """;

    @Test
    void storesAndReturnsTheFullVariantAndDecidesByCampaignSegmentAndSource() {
        String slot = key();
        put(slot, LANDING)
                .statusCode(200)
                .body("kind", equalTo("landing_hero"))
                .body("variants", hasSize(4))
                .body("variants[0].key", equalTo("spring-repeat"))
                .body("variants[0].collection.productIds", hasItems("p-1", "p-2"))
                .body("variants[0].sortOrder", equalTo("top_rated"))
                .body("variants[0].targeting.utmCampaigns[0]", equalTo("spring-sale"))
                .body("variants[3].default", equalTo(true))
                .body("variants[3].collection.category", equalTo("new-in"));
        given().get("/v1/content/slots/" + slot).then().statusCode(200).body("variants[1].key", equalTo("spring"));

        String anonymous = "a-" + UUID.randomUUID();
        String profile = "p-" + UUID.randomUUID();
        redis.value(String.class).set(HotState.anonymousAlias(anonymous), profile);
        redis.hash(String.class).hset(HotState.memberships(profile), "repeat-customer", "1764000000000");
        String spring = "{\"pageType\":\"landing\",\"url\":\"/lp/spring\",\"utm\":{\"source\":\"google\","
                + "\"medium\":\"cpc\",\"campaign\":\"spring-sale\"}}";

        decide(slot, "{\"anonymousId\":\"" + anonymous + "\"}", spring)
                .body("slots[0].variantKey", equalTo("spring-repeat"))
                .body("slots[0].matchedRule", equalTo("utm_campaign=spring-sale & segment=repeat-customer"))
                .body("slots[0].imageUrl", equalTo("https://cdn.example/s2.jpg"));
        decide(slot, "{\"anonymousId\":\"a-" + UUID.randomUUID() + "\"}", spring)
                .body("slots[0].variantKey", equalTo("spring"))
                .body("slots[0].matchedRule", equalTo("utm_campaign=spring-sale"));
        decide(
                        slot,
                        "{\"anonymousId\":\"a-" + UUID.randomUUID() + "\"}",
                        "{\"pageType\":\"landing\",\"url\":\"https://shop.example/lp/summer?x=1\",\"device\":\"mobile\","
                                + "\"country\":\"FR\",\"utm\":{\"source\":\"instagram\",\"medium\":\"paid_social\"}}")
                .body("slots[0].variantKey", equalTo("paid-social-mobile"))
                .body(
                        "slots[0].matchedRule",
                        equalTo("traffic_source=paid_social & device=mobile & country=FR & page_type=landing"
                                + " & page_path=/lp/*"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + anonymous + "\"},\"context\":" + spring + ",\"slots\":[\""
                        + slot + "\"]}")
                .post("/v1/content/decide/full")
                .then()
                .statusCode(200)
                .body("[0].kind", equalTo("landing_hero"))
                .body("[0].variantKey", equalTo("spring-repeat"))
                .body("[0].collection.productIds", hasItems("p-1", "p-2"))
                .body("[0].sortOrder", equalTo("top_rated"))
                .body("[0].matchedRule", equalTo("utm_campaign=spring-sale & segment=repeat-customer"));
        given().contentType("application/json")
                .body("{\"slots\":[\"" + slot + "\"]}")
                .post("/v1/content/decide/full")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("shopper"));
        decide(slot, "{\"anonymousId\":\"" + anonymous + "\"}", "{\"pageType\":\"home\"}")
                .body("slots[0].variantKey", equalTo("default"))
                .body("slots[0].matchedRule", equalTo("default"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + anonymous + "\"},\"context\":" + spring + ",\"slots\":[\""
                        + slot + "\"],\"personalize\":false}")
                .post("/v1/content/decide")
                .then()
                .statusCode(200)
                .body("slots[0].variantKey", equalTo("default"));
    }

    @Test
    void aScheduleInThePastOrFutureKeepsTheVariantOff() {
        String slot = key();
        put(
                        slot,
                        """
                        {"name":"Scheduled","variants":[{"key":"default","title":"Always","default":true},
                          {"key":"past","priority":9,"targeting":{"schedule":{"end":"2020-01-01T00:00:00Z"}}},
                          {"key":"future","priority":8,"targeting":{"schedule":{"start":"2100-01-01T00:00:00Z"}}},
                          {"key":"all-week","priority":7,"targeting":{"schedule":{"timeZone":"Pacific/Kiritimati",
                            "days":["MON","TUE","WED","THU","FRI","SAT","SUN"]}}}]}
                        """)
                .statusCode(200);
        decide(slot, "{\"anonymousId\":\"a-1\"}", "{}")
                .body("slots[0].variantKey", equalTo("all-week"))
                .body("slots[0].matchedRule", equalTo("schedule"));
    }

    @Test
    void refusesBadDefinitionsWithProblemsNamingTheFieldAndStoresNothing() {
        String slot = key();
        put(
                        slot,
                        LANDING.replace(
                                "\"utmCampaigns\":[\"spring-sale\"]}}",
                                "\"utmCampaigns\":[\"spring-sale\"],\"utmCampain\":[\"x\"]}}"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", containsString("utmCampain"))
                .body("errors[0].message", containsString("unknown field"));
        put(slot, LANDING.replace("\"sortOrder\":\"top_rated\"", "\"sortOrder\":\"top_rated\",\"colour\":\"red\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("variants[1].colour"));
        put(
                        slot,
                        LANDING.replace(
                                "{\"utmCampaigns\":[\"spring-sale\"]}",
                                "{\"utmCampaigns\":[\"spring-sale\"],\"schedule\":{\"timeZone\":\"Europe/Atlantis\","
                                        + "\"from\":\"18:00\",\"to\":\"18:00\"}}"))
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems("variants[2].targeting.schedule.timeZone", "variants[2].targeting.schedule.to"));
        put(slot, LANDING.replace("\"imageUrl\":\"https://cdn.example/s.jpg\",", ""))
                .statusCode(400)
                .body("errors.field", hasItem("variants[2].imageUrl"));
        put(slot, LANDING.replace("\"linkUrl\":\"/lp/spring\"", "\"linkUrl\":\"htp:/broken url\""))
                .statusCode(400)
                .body("errors.field", hasItem("variants[1].linkUrl"));
        put(slot, LANDING.replace("\"kind\":\"landing_hero\"", "\"kind\":\"billboard\""))
                .statusCode(400)
                .body("errors.field", hasItem("kind"));
        put(slot, "[1,2]").statusCode(400).contentType("application/problem+json");
        put(slot, "{\"name\":\"x\",\"variants\":[{\"key\":\"default\",\"default\":true,\"priority\":\"high\"}]}")
                .statusCode(400)
                .body("errors[0].field", equalTo("variants[0].priority"));
        given().get("/v1/content/slots/" + slot).then().statusCode(404);
    }

    @Test
    void overlappingSchedulesOfEquallyRankedVariantsAre409NamingBoth() {
        String slot = key();
        put(
                        slot,
                        """
                        {"name":"Clash","variants":[{"key":"default","default":true},
                          {"key":"march","priority":3,"targeting":{"segments":["repeat-customer"],
                            "schedule":{"start":"2026-03-01T00:00:00Z","end":"2026-04-01T00:00:00Z"}}},
                          {"key":"late-march","priority":3,"targeting":{"segments":["repeat-customer"],
                            "schedule":{"start":"2026-03-20T00:00:00Z","end":"2026-04-10T00:00:00Z"}}}]}
                        """)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("'march' and 'late-march'"))
                .body("errors[0].field", equalTo("variants[2]"));
        given().get("/v1/content/slots/" + slot).then().statusCode(404);
    }

    @Test
    void unknownSegmentsAre400AndAnUnreachableSegmentServiceIs503() {
        String slot = key();
        String body =
                """
                {"name":"Segments","variants":[{"key":"default","default":true},
                  {"key":"v","priority":1,"targeting":{"segments":["repeat-customer","no-such-segment"]}}]}
                """;
        put(slot, body)
                .statusCode(400)
                .body("errors[0].field", equalTo("variants[1].targeting.segments[1]"))
                .body("errors[0].message", containsString("unknown segment 'no-such-segment'"));
        SegmentServiceStub.STATE.set(SegmentServiceStub.State.UNREACHABLE);
        put(slot, body.replace(",\"no-such-segment\"", "")).statusCode(503).contentType("application/problem+json");
        SegmentServiceStub.STATE.set(SegmentServiceStub.State.FAILING);
        put(slot, body.replace(",\"no-such-segment\"", "")).statusCode(503);
        given().get("/v1/content/slots/" + slot).then().statusCode(404);
        SegmentServiceStub.STATE.set(SegmentServiceStub.State.UP);
        put(slot, body.replace(",\"no-such-segment\"", ""))
                .statusCode(200)
                .body("variants[0].targeting.segments[0]", equalTo("repeat-customer"))
                .body("variants[0].targeting.schedule", nullValue());
    }

    @Test
    void badDecideRequestsAre400() {
        given().contentType("application/json")
                .body("{\"context\":{}}")
                .post("/v1/content/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("shopper"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"a\"},\"slots\":\"hero\"}")
                .post("/v1/content/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"shopper\":")
                .post("/v1/content/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
