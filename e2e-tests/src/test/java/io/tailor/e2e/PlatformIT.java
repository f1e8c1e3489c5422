package io.tailor.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.Platform;
import io.tailor.devstack.ServiceProcess;
import io.tailor.devstack.demo.DemoSeeder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform, as packaged applications on the real dev stack, driven only through the gateway: events in
 * → profile updated → segment membership changed → one decide composed from all five services, with the changed
 * segment and the targeted content variant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final String PUBLIC_KEY = "pk_e2e_storefront";
    private static final String SECRET_KEY = "sk_e2e_admin";
    private static final Path ROOT =
            Path.of(System.getProperty("tailor.home", "..")).toAbsolutePath().normalize();

    private static DevStack stack;
    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatform() {
        long started = System.nanoTime();
        stack = DevStack.start(
                DevStack.Options.testRun(Path.of("target", "e2e-stack").toAbsolutePath()));
        try {
            platform = Platform.start(
                    stack,
                    new Platform.Options(
                            ROOT,
                            Path.of("target", "e2e-logs").toAbsolutePath(),
                            Map.of(),
                            PUBLIC_KEY,
                            SECRET_KEY,
                            // the Kafka restart test waits this long for a refused batch
                            Map.of("GATEWAY_EVENTS_PUBLISH_TIMEOUT", "3s")),
                    Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        gateway = platform.service("gateway").url().toString();
        System.out.printf("Platform up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static RequestSpecification storefront() {
        return given().baseUri(gateway).header("X-Tailor-Key", PUBLIC_KEY).contentType("application/json");
    }

    private static RequestSpecification admin() {
        return given().baseUri(gateway).header("X-Tailor-Key", SECRET_KEY).contentType("application/json");
    }

    private static String event(String type, String anonymousId, String session, String properties, String utm) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"%s","anonymousId":"%s","sessionId":"%s",
                 "context":{"page":{"type":"home"},"device":"mobile"%s},"properties":%s}
                """
                .formatted(
                        UUID.randomUUID(),
                        type,
                        Instant.now().minusSeconds(1),
                        anonymousId,
                        session,
                        utm == null ? "" : ",\"utm\":" + utm,
                        properties);
    }

    private static void send(String... events) {
        storefront()
                .body("{\"events\":[" + String.join(",", events) + "]}")
                .post("/v1/events")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(events.length));
    }

    private static JsonPath decide(String anonymousId) {
        return storefront()
                .body(
                        """
                        {"anonymousId":"%s","context":{"pageType":"home","device":"mobile"},
                         "placements":[{"placement":"home_for_you","limit":4}],"slots":["home_hero"]}
                        """
                                .formatted(anonymousId))
                .post("/v1/decide")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyAndDescribesItsApi() {
        for (Map.Entry<String, ServiceProcess> entry : platform.services().entrySet()) {
            ServiceProcess service = entry.getValue();
            // every service but the gateway (which warms its calls to the others) warmed its own decide path
            int warmUpCalls = given().baseUri(service.url().toString())
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'warm-up' }.data.refused", equalTo(0))
                    .extract()
                    .path("checks.find { it.name == 'warm-up' }.data.calls");
            assertThat(warmUpCalls)
                    .as(entry.getKey())
                    .isGreaterThan(entry.getKey().equals("gateway") ? -1 : 0);
            given().baseUri(service.url().toString())
                    .get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .body("openapi", notNullValue());
            given().baseUri(service.url().toString())
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
        }
    }

    @Test
    @Order(2)
    void eventsChangeTheProfileTheSegmentAndWhatDecideComposes() {
        admin().body(
                        """
                [{"id":"e2e-mug","title":"Enamel mug","categoryPath":["Kitchen & Dining"],"price":8.5,"currency":"GBP","stock":10},
                 {"id":"e2e-candle","title":"Fig candle","categoryPath":["Home","Candles & Lights"],"price":12,"currency":"GBP","stock":5}]
                """)
                .put("/v1/admin/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(2));
        admin().body(
                        """
                {"name":"Homepage hero","variants":[
                  {"key":"default","default":true,"title":"Gifts for every room"},
                  {"key":"welcome-offer","priority":20,"targeting":{"segments":["first-time-visitor"]},"title":"Welcome!"},
                  {"key":"welcome-back","priority":10,"targeting":{"segments":["repeat-customer"]},"title":"Welcome back"}]}
                """)
                .put("/v1/admin/content/slots/home_hero")
                .then()
                .statusCode(200);
        admin().body("{\"name\":\"Hero layout\",\"variations\":[{\"key\":\"control\"},{\"key\":\"big-hero\"}]}")
                .put("/v1/admin/experiments/e2e-hero-layout")
                .then()
                .statusCode(200);
        admin().post("/v1/admin/experiments/e2e-hero-layout/start").then().statusCode(200);

        String shopper = "e2e-" + UUID.randomUUID();
        send(
                event("page_view", shopper, "s1", "{}", "{\"source\":\"facebook\",\"medium\":\"paid_social\"}"),
                event("product_view", shopper, "s1", "{\"productId\":\"e2e-mug\",\"price\":8.5}", null));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin().queryParam("anonymousId", shopper)
                .get("/v1/admin/profiles")
                .then()
                .statusCode(200)
                .body("productViews", equalTo(1))
                .body("firstTouch.medium", equalTo("paid_social")));

        JsonPath first = awaitComposed(shopper, "first-time-visitor");
        assertThat(first.getString("slots[0].variantKey")).isEqualTo("welcome-offer");
        assertThat(first.getString("slots[0].matchedRule")).isEqualTo("segment=first-time-visitor");
        assertThat(first.getList("placements[0].items.productId")).contains("e2e-mug");
        assertThat(first.getString("placements[0].items[0].reason")).isEqualTo("You viewed this recently");
        assertThat(first.getList("experiments.experimentKey")).contains("e2e-hero-layout");

        String order =
                """
                {"orderId":"%s","currency":"GBP","total":8.5,
                 "lines":[{"productId":"e2e-mug","quantity":1,"price":8.5}]}
                """;
        send(
                event("order_completed", shopper, "s2", order.formatted("o1-" + shopper), null),
                event("order_completed", shopper, "s3", order.formatted("o2-" + shopper), null));

        JsonPath repeat = awaitComposed(shopper, "repeat-customer");
        assertThat(repeat.getList("segments.key")).doesNotContain("first-time-visitor");
        assertThat(repeat.getString("slots[0].variantKey")).isEqualTo("welcome-back");
        assertThat(repeat.getString("shopper.lifecycle")).isEqualTo("repeat");
    }

    /** Decides until all five services answered in time and the shopper is in {@code segment}. */
    private static JsonPath awaitComposed(String shopper, String segment) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    JsonPath d = decide(shopper);
                    last[0] = d;
                    assertThat(d.getList("degraded")).as("degraded parts").isEmpty();
                    assertThat(d.getList("segments.key")).contains(segment);
                });
        return last[0];
    }

    @Test
    @Order(3)
    void erasingAShopperRemovesThemFromEveryServiceAndEveryServiceConfirms() {
        String shopper = "e2e-erase-" + UUID.randomUUID();
        send(
                event("page_view", shopper, "s1", "{}", null),
                event("product_view", shopper, "s1", "{\"productId\":\"e2e-mug\",\"price\":8.5}", null));
        awaitComposed(shopper, "first-time-visitor");
        String profileId = admin().queryParam("anonymousId", shopper)
                .get("/v1/admin/profiles")
                .then()
                .statusCode(200)
                .extract()
                .path("profileId");

        String requestId = admin().delete("/v1/admin/profiles/" + profileId)
                .then()
                .statusCode(202)
                .extract()
                .path("requestId");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> admin().get("/v1/admin/profiles/privacy-requests/" + requestId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("complete"))
                        .body("answers.service", hasItem("segment-service"))
                        .body("answers.service", hasItem("experiment-service"))
                        .body("answers.service", hasItem("gateway")));

        admin().get("/v1/admin/profiles/" + profileId).then().statusCode(404);
        admin().queryParam("anonymousId", shopper)
                .get("/v1/admin/profiles")
                .then()
                .statusCode(404);
        admin().body("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"}}")
                .post("/v1/admin/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments", org.hamcrest.Matchers.hasSize(0));
        JsonPath after = decide(shopper);
        assertThat(after.getBoolean("shopper.known")).isFalse();
        assertThat(after.getString("shopper.profileId")).isNull();
    }

    @Test
    @Order(4)
    void badInputIsAProblemNotAFailure() {
        storefront()
                .body("{\"events\":[{\"type\":\"product_view\"}]}")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("events[0].eventId"));
        storefront()
                .body("{not json")
                .post("/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        storefront()
                .body("{\"context\":{\"pageType\":\"home\"}}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("anonymousId"));
        storefront()
                .body("{\"anonymousId\":\"x\",\"placements\":[{\"placement\":\"home_for_you\",\"limit\":\"many\"}]}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("placements[0].limit"));
        given().baseUri(gateway)
                .contentType("application/json")
                .body("{}")
                .post("/v1/decide")
                .then()
                .statusCode(401);
    }

    @Test
    @Order(5)
    void theDemoStoreLoadsAndItsCustomersArePersonalized() throws Exception {
        DemoSeeder.Summary summary = new DemoSeeder(platform.service("gateway").url(), PUBLIC_KEY, SECRET_KEY)
                .seed(ROOT.resolve("data"), Clock.systemUTC());
        assertThat(summary.products()).isGreaterThan(1_500);
        assertThat(summary.events()).isGreaterThan(10_000);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> admin().queryParam("customerId", "17850")
                .get("/v1/admin/profiles")
                .then()
                .statusCode(200)
                .body("orders", org.hamcrest.Matchers.greaterThanOrEqualTo(10))
                .body("traits.accountType", equalTo("retail")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> admin().get("/v1/admin/segments/repeat-customer")
                .then()
                .statusCode(200)
                .body("size", org.hamcrest.Matchers.greaterThan(20)));
        List<String> slots = given().baseUri(gateway)
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .htmlPath()
                .getList("html.body.main.section.@id");
        assertThat(slots).contains("hero");
    }

    private static final List<String> BACKING_SERVICES = List.of(
            "profile-service", "segment-service", "recommendation-service", "content-service", "experiment-service");

    /** The decide deadline the gateway runs with (its default). */
    private static final long DEADLINE_MS = 50;
    /** How late a thread of a fully loaded two-core machine may be scheduled; far below any network timeout. */
    private static final long SCHEDULING_SLACK_MS = 10;

    @Test
    @Order(6)
    void eachServiceStoppedInTurnIsServedByItsFallbackWithinTheDeadline() {
        String shopper = "e2e-fallback-" + UUID.randomUUID();
        send(
                event("page_view", shopper, "s1", "{}", null),
                event("product_view", shopper, "s1", "{\"productId\":\"e2e-mug\",\"price\":8.5}", null));
        awaitComposed(shopper, "first-time-visitor");
        // a shopper seen for the first time gets the slot's default content, which the gateway keeps as its fallback
        // (asked until content-service answers in time: on a loaded two-core machine one call may miss its deadline)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        decide("e2e-unknown-" + UUID.randomUUID()).getString("slots[0].matchedRule"))
                .isEqualTo("default"));
        for (String service : BACKING_SERVICES) {
            awaitSettled(shopper);
            platform.stop(service);
            try {
                // each decision is in time and whole; at least one shows the stopped service as the only part served
                // by its fallback (on a busy machine another call may miss its deadline now and then)
                List<Answer> answers = new java.util.ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonPath d = decide(shopper);
                    answers.add(new Answer(d.getLong("tookMs"), d.getList("degraded")));
                    assertThat(d.getList("degraded.service"))
                            .as("degraded with %s down", service)
                            .contains(service);
                    // the storefront still gets a whole page: every placement answered, the slot from the last
                    // known default content, which this gateway has served before
                    assertThat(d.getList("placements.placement")).containsExactly("home_for_you");
                    assertThat(d.getList("slots.slot")).containsExactly("home_hero");
                    assertThat(d.getList("degraded.service"))
                            .as("degraded with %s down", service)
                            .containsExactly(service);
                });
                // the gateway keeps a reserve for composing the answer; on two cores shared by six services, the
                // brokers and a browser, a thread may still be scheduled a few milliseconds late (CI once saw 52 ms)
                assertThat(answers)
                        .as("time taken with %s down", service)
                        .allMatch(answer -> answer.tookMs() <= DEADLINE_MS + SCHEDULING_SLACK_MS);
            } finally {
                platform.restart(service, Duration.ofMinutes(3));
            }
            awaitComposed(shopper, "first-time-visitor");
        }
    }

    /** One decision's time and the parts it served by a fallback, as a failure message shows them. */
    private record Answer(long tookMs, List<Object> degraded) {}

    /** Consecutive whole, in-time decisions that show the platform has settled. */
    private static final int SETTLED_STREAK = 10;

    /**
     * Waits until {@value #SETTLED_STREAK} decisions in a row are whole and within the deadline. The previous test
     * (seeding the demo store) and the restart of the previously stopped service leave the machine compiling and
     * catching up for a while; with a two-core machine busy, the JVMs waited up to 47 ms to reach a safepoint, which no
     * deadline can hide. Stopping the next service only once decisions are timely again keeps what this test measures
     * — how the gateway answers with one service down — apart from that background load.
     */
    private static void awaitSettled(String shopper) {
        int[] streak = {0};
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonPath d = decide(shopper);
                    boolean timely = d.getList("degraded").isEmpty() && d.getLong("tookMs") <= DEADLINE_MS;
                    streak[0] = timely ? streak[0] + 1 : 0;
                    assertThat(streak[0])
                            .as(
                                    "whole decisions in time in a row, last %d ms, degraded %s",
                                    d.getLong("tookMs"), d.getList("degraded"))
                            .isGreaterThanOrEqualTo(SETTLED_STREAK);
                });
    }

    @Test
    @Order(7)
    void eventsAcknowledgedAroundAKafkaRestartAreAllAppliedExactlyOnce() {
        String shopper = "e2e-kafka-" + UUID.randomUUID();
        // profile-service is down, so nothing is consumed before the broker restarts
        platform.stop("profile-service");
        try {
            send(productViews(shopper, 20));
            stack.stopKafka();
            String[] whileDown = productViews(shopper, 5);
            storefront()
                    .body("{\"events\":[" + String.join(",", whileDown) + "]}")
                    .post("/v1/events")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
            stack.startKafka();
            // the storefront sends the refused batch again, with the same event ids, until it is acknowledged
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> storefront()
                            .body("{\"events\":[" + String.join(",", whileDown) + "]}")
                            .post("/v1/events")
                            .then()
                            .statusCode(202));
        } finally {
            platform.restart("profile-service", Duration.ofMinutes(3));
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> admin().queryParam("anonymousId", shopper)
                .get("/v1/admin/profiles")
                .then()
                .statusCode(200)
                .body("productViews", equalTo(25)));
        // a refused batch the producer still delivered, and its resend, count once
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().queryParam(
                        "anonymousId", shopper)
                .get("/v1/admin/profiles")
                .then()
                .statusCode(200)
                .body("productViews", equalTo(25)));
    }

    private static String[] productViews(String shopper, int count) {
        String[] events = new String[count];
        for (int i = 0; i < count; i++) {
            events[i] = event("product_view", shopper, "s1", "{\"productId\":\"e2e-mug\",\"price\":8.5}", null);
        }
        return events;
    }

    @Test
    @Order(8)
    void offersAndDismissalsReachContentServiceThroughTheGatewayWithThePublicKey() {
        String key = "e2e-offer-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(
                        """
                {"kind":"percentage","name":"Mugs for everyone","label":"10% off mugs","percentOff":10,
                 "products":{"productIds":["e2e-offer-mug"]}}
                """)
                .put("/v1/admin/offers/" + key)
                .then()
                .statusCode(200);

        String shopper = "e2e-" + UUID.randomUUID();
        String page =
                """
                {"shopper":{"anonymousId":"%s"},"context":{"pageType":"product"},
                 "products":[{"productId":"e2e-offer-mug","price":20,"categoryPath":["Kitchen"]}]}
                """
                        .formatted(shopper);
        JsonPath first = storefront()
                .body(page)
                .post("/v1/offers/decide")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("offers.offerKey")).contains(key);
        String price = first.getString("offers.find { it.offerKey == '" + key + "' }.prices[0].offerPrice");
        assertThat(new java.math.BigDecimal(price)).isEqualByComparingTo("18");
        // the same shopper sees the same price again, and every showing is audited
        JsonPath again = storefront()
                .body(page)
                .post("/v1/offers/decide")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getString("offers.find { it.offerKey == '" + key + "' }.prices[0].offerPrice"))
                .isEqualTo(price);
        // the same offers and pinned price inside the page's one decide call, retried while the services restarted
        // by the previous tests are still warming up and decide serves fallbacks. content-service was restarted
        // with its offers path never run since: at one decision a second it stayed interpreted, and slower than the
        // offers call's deadline, for the whole minute (CI, 2026-12-07), so the retries come five times a second
        // (a page's traffic, which is what warms a restarted service in production).
        String decideWithOffers =
                """
                {"anonymousId":"%s","context":{"pageType":"product","productId":"e2e-offer-mug"},
                 "placements":[{"placement":"product_page_related","limit":4}],
                 "offers":{"products":[{"productId":"e2e-offer-mug","price":20}]}}
                """
                        .formatted(shopper);
        String mug = "offers.find { it.offerKey == '" + key + "' }.prices.find { it.productId == 'e2e-offer-mug' }";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonPath decision = storefront()
                            .body(decideWithOffers)
                            .post("/v1/decide")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertThat(decision.getList("degraded.fallback"))
                            .as("degraded %s", decision.getList("degraded"))
                            .doesNotContain("regular_prices");
                    assertThat(decision.getString(mug + ".offerPrice")).isEqualTo(price);
                    assertThat(decision.getBoolean(mug + ".pinned")).isTrue();
                });
        storefront()
                .body("{\"anonymousId\":\"a\",\"offers\":{\"products\":[{\"productId\":\"x\",\"price\":-1}]}}")
                .post("/v1/decide")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("offers.products[0].price"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin().get("/v1/admin/offers/" + key + "/audit")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("$"))
                        .isNotEmpty());

        storefront()
                .body("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"},\"variantKey\":\"x\"}")
                .post("/v1/content/slots/no-such-slot/dismissals")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        storefront()
                .body("{}")
                .post("/v1/content/slots/Bad..Key/dismissals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        storefront()
                .body("{}")
                .post("/v1/offers/decide")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @Order(9)
    void anAbandonedCartBecomesARecoveryEmailWhoseUnsubscribeLinkWithdrawsConsent() {
        String journey = "e2e-cart-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(
                        """
                        {"name":"E2E cart recovery","trigger":{"event":"add_to_cart"},"reentry":"restart",
                         "exitOn":["order_completed"],"quietHours":false,"enabled":true,
                         "steps":[{"delay":"PT2S","template":"cart-recovery","condition":"cart_not_empty"}]}
                        """)
                .put("/v1/admin/journeys/" + journey)
                .then()
                .statusCode(200);
        String anonymous = "e2e-mail-" + UUID.randomUUID();
        String customer = "e2e-customer-" + UUID.randomUUID().toString().substring(0, 8);
        String email = customer + "@example.test";
        String product = decide(anonymous).getString("placements[0].items[0].productId");
        String shopper =
                "\"anonymousId\":\"%s\",\"customerId\":\"%s\",\"sessionId\":\"s1\"".formatted(anonymous, customer);
        String identify =
                """
                {"eventId":"%s","type":"identify","occurredAt":"%s",%s,"context":{"timeZone":"Europe/London"},
                 "properties":{"email":"%s","traits":{"firstName":"Sam"}}}
                """
                        .formatted(UUID.randomUUID(), Instant.now().minusSeconds(3), shopper, email);
        String consent =
                """
                {"eventId":"%s","type":"consent_updated","occurredAt":"%s",%s,
                 "properties":{"consent":{"marketing_email":true},"consentSource":"account_settings"}}
                """
                        .formatted(UUID.randomUUID(), Instant.now().minusSeconds(2), shopper);
        String addToCart =
                """
                {"eventId":"%s","type":"add_to_cart","occurredAt":"%s",%s,
                 "properties":{"productId":"%s","price":12.5,"quantity":1}}
                """
                        .formatted(UUID.randomUUID(), Instant.now().minusSeconds(1), shopper, product);
        send(identify, consent);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(admin().queryParam("customerId", customer)
                        .get("/v1/admin/profiles")
                        .then()
                        .extract()
                        .path("consent.marketingEmail")));
        send(addToCart);

        // profile-service → profile-changes → content-service → outbound-messages → SMTP. The demo store seeded
        // earlier has a welcome journey on identify, so this shopper may also get a welcome e-mail (whether its
        // first step runs before or after the consent arrives decides it); this test is about the cart e-mail.
        String cartSubject = "You left something in your cart";
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.mail().received().stream()
                .anyMatch(m -> m.to().equals(email) && m.subject().equals(cartSubject)));
        var mail = stack.mail().received().stream()
                .filter(m -> m.to().equals(email) && m.subject().equals(cartSubject))
                .findFirst()
                .orElseThrow();
        assertThat(mail.html()).contains("Hi Sam,");
        admin().queryParam("journey", journey)
                .get("/v1/admin/messages")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("sent"));

        // the link in the e-mail, through the gateway without an API key: GET confirms, POST unsubscribes
        String link = mail.listUnsubscribe().substring(1, mail.listUnsubscribe().length() - 1);
        String query = java.net.URI.create(link).getRawQuery();
        given().baseUri(gateway)
                .get("/unsubscribe?" + query)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\""));
        given().baseUri(gateway)
                .post("/unsubscribe?" + query)
                .then()
                .statusCode(200)
                .body(containsString("You will no longer receive marketing e-mail"));
        given().baseUri(gateway).post("/unsubscribe?p=x&t=forged").then().statusCode(400);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.FALSE.equals(admin().queryParam("customerId", customer)
                        .get("/v1/admin/profiles")
                        .then()
                        .extract()
                        .path("consent.marketingEmail")));
        admin().delete("/v1/admin/journeys/" + journey).then().statusCode(204);
    }
}
