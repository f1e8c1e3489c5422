package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slots whose variant an experiment or a bandit of experiment-service chooses (played by ExperimentServiceStub). */
@QuarkusTest
class VariantChooserTest {

    private static final String VARIANTS =
            """
              {"key":"default","title":"New season","default":true},
              {"key":"big-hero","title":"A much bigger hero","targeting":{"devices":["tablet"]}},
              {"key":"calm","title":"A calm hero","targeting":{"devices":["desktop"]}}
            """;

    @AfterEach
    void reset() {
        ExperimentServiceStub.DELAY_MS.set(0);
    }

    private static ValidatableResponse put(String key, String chooser) {
        return given().contentType("application/json")
                .body("{\"name\":\"Chosen hero\",\"variants\":[" + VARIANTS + "],\"chooser\":" + chooser + "}")
                .put("/v1/content/slots/" + key)
                .then()
                .log()
                .ifValidationFails();
    }

    private static ValidatableResponse decide(String slot, String shopper, boolean personalize) {
        return given().contentType("application/json")
                .body(
                        """
                        {"shopper":{"anonymousId":"%s"},"context":{"pageType":"home","device":"mobile"},
                         "slots":["%s"],"personalize":%s}
                        """
                                .formatted(shopper, slot, personalize))
                .post("/v1/content/decide")
                .then()
                .statusCode(200);
    }

    @Test
    void anExperimentsVariationShowsItsVariantWhateverItsTargeting() {
        ExperimentServiceStub.EXPERIMENTS.put("hero-layout", "treatment");
        put(
                        "chosen-by-test",
                        "{\"experiment\":\"hero-layout\",\"variations\":{\"control\":\"default\",\"treatment\":\"big-hero\"}}")
                .statusCode(200)
                .body("chooser.experiment", equalTo("hero-layout"));
        String shopper = "a-" + UUID.randomUUID();
        decide("chosen-by-test", shopper, true)
                .body("slots[0].variantKey", equalTo("big-hero"))
                .body("slots[0].matchedRule", equalTo("experiment hero-layout: variation treatment"));
        // without personalization consent no experiment chooses: the default
        decide("chosen-by-test", shopper, false).body("slots[0].variantKey", equalTo("default"));
        // experiment-service too slow: targeting decides (big-hero targets tablets, so the default)
        ExperimentServiceStub.DELAY_MS.set(1_500);
        long started = System.nanoTime();
        decide("chosen-by-test", shopper, true)
                .body("slots[0].variantKey", equalTo("default"))
                .body("slots[0].matchedRule", equalTo("default"));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_500);
    }

    @Test
    void aBanditChoosesAndClicksAreItsRewards() {
        ExperimentServiceStub.BANDITS.put("hero-bandit", "calm");
        put("chosen-by-bandit", "{\"bandit\":\"hero-bandit\"}").statusCode(200);
        String shopper = "a-" + UUID.randomUUID();
        decide("chosen-by-bandit", shopper, true)
                .body("slots[0].variantKey", equalTo("calm"))
                .body("slots[0].matchedRule", equalTo("bandit hero-bandit: arm calm"));
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"},\"variantKey\":\"calm\"}")
                .post("/v1/content/slots/chosen-by-bandit/clicks")
                .then()
                .statusCode(200)
                .body("rewarded", equalTo(true));
        assertThat(ExperimentServiceStub.REWARDS).as("rewards").contains("hero-bandit:calm");
        given().contentType("application/json")
                .body("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"},\"variantKey\":\"nope\"}")
                .post("/v1/content/slots/chosen-by-bandit/clicks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("variantKey"));
    }

    @Test
    void refusesChoosersThatCannotWorkAndKeepsWhatWasStored() {
        ExperimentServiceStub.EXPERIMENTS.put("hero-layout", "treatment");
        put("chooser-keep", "{\"experiment\":\"hero-layout\",\"variations\":{\"control\":\"default\"}}")
                .statusCode(200);
        put("chooser-keep", "{\"experiment\":\"hero-layout\",\"variations\":{\"treatment\":\"no-such-variant\"}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("chooser.variations.treatment"));
        put("chooser-keep", "{\"experiment\":\"hero-layout\",\"bandit\":\"hero-bandit\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("chooser"));
        put("chooser-keep", "{\"experiment\":\"no-such-experiment\",\"variations\":{\"a\":\"calm\"}}")
                .statusCode(400)
                .body("errors.field", hasItems("chooser.experiment"));
        put("chooser-keep", "{\"bandit\":\"no-such-bandit\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("chooser.bandit"));
        given().get("/v1/content/slots/chooser-keep")
                .then()
                .statusCode(200)
                .body("chooser.variations.control", equalTo("default"));
    }

    @Test
    void theChosenVariantsSortOrderTravelsWithTheDecision() {
        given().contentType("application/json")
                .body(
                        """
                        {"name":"Category banner","variants":[
                          {"key":"default","default":true,"title":"Best sellers first","sortOrder":"best_selling"}]}
                        """)
                .put("/v1/content/slots/sorted-banner")
                .then()
                .statusCode(200);
        decide("sorted-banner", "a-" + UUID.randomUUID(), true).body("slots[0].sortOrder", equalTo("best_selling"));
    }
}
