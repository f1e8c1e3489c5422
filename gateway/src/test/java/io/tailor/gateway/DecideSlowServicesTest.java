package io.tailor.gateway;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Every backing service accepts the call and answers only after a second, far past the deadline: the decision is
 * still answered by its deadline, every part by its fallback with reason timeout (offers are asked for the page's
 * products only, so they are asked at once rather than after recommendations). The second phase gets what the
 * first left, so the whole deadline is used but not overrun.
 */
@QuarkusTest
@TestProfile(DecideSlowServicesTest.SlowServices.class)
class DecideSlowServicesTest {

    /** The decision's deadline in this test: long enough that a test machine's scheduling noise is small beside it. */
    static final int DEADLINE_MS = 300;

    /**
     * What the calls leave for composing and writing the answer: more than the 3 ms default, because a test machine
     * running other JVMs can make the event loop wait that long for a core, which is not what this test is about.
     */
    static final int COMPOSE_RESERVE_MS = 20;

    /** Services that take a second to answer anything. */
    public static class SlowServices implements QuarkusTestProfile {

        private static final String URL = startSlowServer();

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String service : new String[] {
                "profile-service", "segment-service", "recommendation-service", "content-service", "experiment-service"
            }) {
                config.put("quarkus.rest-client." + service + ".url", URL);
            }
            config.put("gateway.decide.deadline", DEADLINE_MS + "ms");
            config.put("gateway.decide.compose-reserve", COMPOSE_RESERVE_MS + "ms");
            return config;
        }

        private static String startSlowServer() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
                server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "slow-service");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.createContext("/", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                });
                server.start();
                return "http://127.0.0.1:" + server.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyPartTimesOutAndTheDecisionIsAnsweredByItsDeadline() {
        String request =
                """
                {"anonymousId":"slow-1","context":{"pageType":"home"},
                 "placements":[{"placement":"home_for_you","limit":4}],"slots":["home_hero"],
                 "offers":{"products":[{"productId":"p-1","price":3}],"priceRecommendations":false}}
                """;
        // the first decision of a fresh JVM runs cold code; the deadline is a promise for a warmed-up gateway
        EventsResourceTest.storefront().body(request).post("/v1/decide").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            EventsResourceTest.storefront()
                    .body(request)
                    .post("/v1/decide")
                    .then()
                    .statusCode(200)
                    .body("placements[0].fallback", equalTo(true))
                    .body("degraded", hasSize(6))
                    .body(
                            "degraded.fallback",
                            containsInAnyOrder(
                                    "unknown_shopper",
                                    "control",
                                    "no_segments",
                                    "last_known_popular",
                                    "last_known_default",
                                    "regular_prices"))
                    .body("degraded.reason", everyItem(equalTo("timeout")))
                    // the second phase starts when the first phase's 40% has passed and gets the rest, less the
                    // reserve kept for composing the answer
                    .body("tookMs", greaterThanOrEqualTo(DEADLINE_MS - COMPOSE_RESERVE_MS - 1))
                    .body("tookMs", lessThanOrEqualTo(DEADLINE_MS));
        }
    }
}
