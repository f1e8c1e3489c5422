package io.tailor.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With less time left than gateway.decide.offer-minimum when the offers call would start, it is not made: regular
 * prices, reason no_time_left (here the minimum is larger than the whole deadline, so it is never reached).
 */
@QuarkusTest
@TestProfile(DecideOfferMinimumTest.NeverEnoughTime.class)
class DecideOfferMinimumTest {

    public static class NeverEnoughTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.decide.offer-minimum", "10s");
        }
    }

    @Test
    void offersThatCannotBeAnsweredInTimeAreNotAskedFor() {
        EventsResourceTest.storefront()
                .body(
                        """
                        {"anonymousId":"a-3","context":{"pageType":"cart"},
                         "offers":{"products":[{"productId":"p-1","price":3}]}}
                        """)
                .post("/v1/decide")
                .then()
                .statusCode(200)
                .body("offers", hasSize(0))
                .body("degraded.find { it.fallback == 'regular_prices' }.reason", equalTo("no_time_left"))
                .body("degraded.find { it.fallback == 'regular_prices' }.service", equalTo("content-service"));
    }
}
