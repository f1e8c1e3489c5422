package io.tailor.content;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tailor.content.service.ContentDataEraser;
import io.tailor.content.service.OfferAuditRetention;
import io.tailor.contracts.HotState;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Offers on the real stack: management, guardrails on save, decisions with consistent prices, the audit log. */
@QuarkusTest
class OfferApiTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ContentDataEraser eraser;

    @Inject
    OfferAuditRetention retention;

    @Inject
    Pool pool;

    private static ValidatableResponse put(String key, String body) {
        return given().contentType("application/json")
                .body(body)
                .put("/v1/offers/" + key)
                .then();
    }

    private static ValidatableResponse decide(String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/v1/offers/decide")
                .then();
    }

    /** An offer's latest audit rows (at most 10). */
    private static ValidatableResponse audit(String offer) {
        return given().get("/v1/offers/" + offer + "/audit?limit=10").then().statusCode(200);
    }

    /** A segment segment-service knows, and an anonymous shopper in it. */
    private String shopperIn(String segment) {
        SegmentServiceStub.KNOWN.add(segment);
        String anonymous = "a-" + UUID.randomUUID();
        String profile = "p-" + UUID.randomUUID();
        redis.value(String.class).set(HotState.anonymousAlias(anonymous), profile);
        redis.hash(String.class).hset(HotState.memberships(profile), segment, "1764000000000");
        return anonymous;
    }

    private static String percentage(String segment, String percent, String product, String extra) {
        return """
                {"kind":"percentage","name":"Spring for %1$s","label":"%2$s%% off running shoes","percentOff":%2$s,
                 "products":{"productIds":["%3$s"],"categories":["running-%1$s"]},
                 "exclusions":{"saleItems":true},"targeting":{"segments":["%1$s"]},
                 "end":"2100-01-01T00:00:00Z"%4$s}
                """
                .formatted(segment, percent, product, extra);
    }

    private static String request(String anonymous, String product, String price) {
        return """
                {"shopper":{"anonymousId":"%s"},"products":[
                  {"productId":"%s","price":%s},
                  {"productId":"other-%s","price":10,"categoryPath":["x"]},
                  {"productId":"sale-%s","price":50,"onSale":true,"categoryPath":["running-shoes"]}]}
                """
                .formatted(anonymous, product, price, product, product);
    }

    @Test
    void aShopperSeesOneConsistentPriceExplainedAndAudited() {
        String segment = "seg-" + UUID.randomUUID();
        String offer = "o-" + UUID.randomUUID();
        String product = "shoe-" + UUID.randomUUID();
        String shopper = shopperIn(segment);
        put(offer, percentage(segment, "15", product, ""))
                .statusCode(200)
                .body("key", equalTo(offer))
                .body("kind", equalTo("percentage"))
                .body("percentOff", equalTo(15));
        given().get("/v1/offers/" + offer).then().statusCode(200).body("targeting.segments[0]", equalTo(segment));
        given().get("/v1/offers").then().statusCode(200).body("key", hasItem(offer));

        decide(request(shopper, product, "100"))
                .statusCode(200)
                .body("offers", hasSize(1))
                .body("offers[0].offerKey", equalTo(offer))
                .body("offers[0].matchedRule", equalTo("segment=" + segment))
                .body("offers[0].explanation", containsString("You see this offer because you are in our"))
                .body("offers[0].explanation", containsString("Items already on sale are not included."))
                .body("offers[0].prices", hasSize(1))
                .body("offers[0].prices[0].productId", equalTo(product))
                .body("offers[0].prices[0].offerPrice", equalTo(85.0f))
                .body("offers[0].prices[0].pinned", equalTo(false));
        // the shop raised the regular price: within the offer window this shopper keeps the price shown
        decide(request(shopper, product, "120"))
                .statusCode(200)
                .body("offers[0].prices[0].offerPrice", equalTo(85.0f))
                .body("offers[0].prices[0].price", equalTo(100.0f))
                .body("offers[0].prices[0].pinned", equalTo(true));
        // another shopper of the segment gets the same terms on today's price; one outside it gets nothing
        decide(request(shopperIn(segment), product, "120"))
                .statusCode(200)
                .body("offers[0].prices[0].offerPrice", equalTo(102.0f));
        decide(request("a-" + UUID.randomUUID(), product, "100"))
                .statusCode(200)
                .body("offers", hasSize(0));

        audit(offer)
                .body("", hasSize(3))
                .body("shopperId", hasItem(shopper))
                .body("[0].matchedRule", equalTo("segment=" + segment))
                .body("[0].explanation", containsString("15% off"));
        // without personalization a targeted offer is not shown
        decide(request(shopper, product, "100").replace("\"products\"", "\"personalize\":false,\"products\""))
                .statusCode(200)
                .body("offers", hasSize(0));
    }

    @Test
    void anEditedOfferPinsItsNewPriceWhileAnotherOfferKeepsItsOwn() throws Exception {
        Case shoes = newCase();
        String bag = "bag-" + UUID.randomUUID();
        String bags = "o-" + UUID.randomUUID();
        put(shoes.offer(), percentage(shoes.segment(), "15", shoes.product(), ""))
                .statusCode(200);
        put(bags, percentage(shoes.segment(), "10", bag, "")).statusCode(200);
        String page =
                """
                {"shopper":{"anonymousId":"%s"},"products":[
                 {"productId":"%s","price":%s,"categoryPath":["shoes"]},
                 {"productId":"%s","price":%s,"categoryPath":["bags"]}]}
                """;
        decide(page.formatted(shoes.shopper(), shoes.product(), "100", bag, "50"))
                .statusCode(200)
                .body(
                        "offers.find { it.offerKey == '%s' }.prices[0].offerPrice".formatted(shoes.offer()),
                        equalTo(85.0f))
                .body("offers.find { it.offerKey == '%s' }.prices[0].offerPrice".formatted(bags), equalTo(45.0f));
        // the shoe offer is edited (its updatedAt moves on): the price shown before no longer holds for it, while
        // the bag offer, unchanged, keeps the price it showed
        Thread.sleep(5);
        put(shoes.offer(), percentage(shoes.segment(), "20", shoes.product(), ""))
                .statusCode(200);
        decide(page.formatted(shoes.shopper(), shoes.product(), "120", bag, "60"))
                .statusCode(200)
                .body(
                        "offers.find { it.offerKey == '%s' }.prices[0].offerPrice".formatted(shoes.offer()),
                        equalTo(96.0f))
                .body("offers.find { it.offerKey == '%s' }.prices[0].pinned".formatted(shoes.offer()), equalTo(false))
                .body("offers.find { it.offerKey == '%s' }.prices[0].offerPrice".formatted(bags), equalTo(45.0f))
                .body("offers.find { it.offerKey == '%s' }.prices[0].pinned".formatted(bags), equalTo(true));
        // and from then on the new shoe price is the one kept
        decide(page.formatted(shoes.shopper(), shoes.product(), "150", bag, "60"))
                .statusCode(200)
                .body(
                        "offers.find { it.offerKey == '%s' }.prices[0].offerPrice".formatted(shoes.offer()),
                        equalTo(96.0f))
                .body("offers.find { it.offerKey == '%s' }.prices[0].pinned".formatted(shoes.offer()), equalTo(true));
    }

    @Test
    void auditRowsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        Case c = newCase();
        put(c.offer(), percentage(c.segment(), "10", c.product(), "")).statusCode(200);
        decide(request(c.shopper(), c.product(), "100")).statusCode(200).body("offers", hasSize(1));
        // a row from before the retention period (400 days here), as an older decision would have left it
        Instant old = Instant.now().minus(Duration.ofDays(401));
        pool.preparedQuery("INSERT INTO offer_audit (id, offer_key, shopper_id, product_id, base_price, offer_price,"
                        + " explanation, matched_rule, shown_at) VALUES ($1, $2, $3, $4, 80, 72, 'old', 'old', $5)")
                .execute(Tuple.of(UUID.randomUUID(), c.offer(), c.shopper(), c.product(), old.atOffset(ZoneOffset.UTC)))
                .await()
                .atMost(Duration.ofSeconds(10));
        audit(c.offer()).body("", hasSize(2));

        assertThat(retention.prune(Instant.now()).await().atMost(Duration.ofSeconds(30)))
                .isGreaterThanOrEqualTo(1L);

        audit(c.offer()).body("", hasSize(1)).body("[0].price", equalTo(100.0f));
    }

    /** A new segment with a shopper in it, and keys for an offer and a product of its own. */
    private record Case(String segment, String shopper, String offer, String product) {}

    private Case newCase() {
        String segment = "seg-" + UUID.randomUUID();
        return new Case(segment, shopperIn(segment), "o-" + UUID.randomUUID(), "shoe-" + UUID.randomUUID());
    }

    @Test
    void aChangeToAnOfferIsDecidedAtOnceAndOnlyInItsWindow() {
        Case c = newCase();
        String request = request(c.shopper(), c.product(), "100");
        // not started yet: the in-memory copy rules it out, as the database did
        put(c.offer(), percentage(c.segment(), "10", c.product(), ",\"start\":\"2099-01-01T00:00:00Z\""))
                .statusCode(200);
        decide(request).statusCode(200).body("offers", hasSize(0));
        // started: shown on the very next decision
        put(c.offer(), percentage(c.segment(), "10", c.product(), "")).statusCode(200);
        decide(request)
                .statusCode(200)
                .body("offers.offerKey", org.hamcrest.Matchers.contains(c.offer()))
                .body("offers[0].prices[0].offerPrice", equalTo(90.0f));
        // disabled: gone on the very next decision, and nothing more is audited
        put(c.offer(), percentage(c.segment(), "10", c.product(), ",\"active\":false"))
                .statusCode(200);
        decide(request).statusCode(200).body("offers", hasSize(0));
        audit(c.offer()).body("", hasSize(1));
    }

    @Test
    void aDryRunDecidesAsUsualButRecordsAndPinsNothing() {
        Case c = newCase();
        put(c.offer(), percentage(c.segment(), "20", c.product(), "")).statusCode(200);
        given().contentType("application/json")
                .body(request(c.shopper(), c.product(), "100"))
                .post("/v1/offers/decide?dryRun=true")
                .then()
                .statusCode(200)
                .body("offers.offerKey", org.hamcrest.Matchers.contains(c.offer()))
                .body("offers[0].prices[0].offerPrice", equalTo(80.0f));
        audit(c.offer()).body("", hasSize(0));
        // nothing was pinned: the real decision prices today's regular price, and records it
        decide(request(c.shopper(), c.product(), "120"))
                .statusCode(200)
                .body("offers[0].prices[0].offerPrice", equalTo(96.0f))
                .body("offers[0].prices[0].pinned", equalTo(false));
        audit(c.offer()).body("", hasSize(1));
    }

    @Test
    void aShopperSeesAtMostTheConfiguredNumberOfOffers() {
        String segment = "seg-" + UUID.randomUUID();
        String shopper = shopperIn(segment);
        for (int i = 1; i <= 4; i++) {
            put(
                            "ship-" + i + "-" + segment,
                            "{\"kind\":\"free_shipping\",\"name\":\"Ship " + i + "\",\"priority\":" + i
                                    + ",\"targeting\":{\"segments\":[\"" + segment + "\"]}}")
                    .statusCode(200);
        }
        decide("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"}}")
                .statusCode(200)
                .body("offers", hasSize(3))
                .body("offers[0].offerKey", equalTo("ship-4-" + segment))
                .body("offers[0].freeShipping", equalTo(true))
                .body("offers.offerKey", org.hamcrest.Matchers.not(hasItem("ship-1-" + segment)));
        put(
                        "ship-9-" + segment,
                        "{\"kind\":\"free_shipping\",\"name\":\"Ship 9\",\"priority\":9,"
                                + "\"targeting\":{\"segments\":[\"" + segment + "\"]}}")
                .statusCode(200);
        // already shown three different offers this week: keeps seeing those, not the new one
        decide("{\"shopper\":{\"anonymousId\":\"" + shopper + "\"}}")
                .statusCode(200)
                .body("offers", hasSize(3))
                .body("offers.offerKey", org.hamcrest.Matchers.not(hasItem("ship-9-" + segment)));
    }

    @Test
    void refusesBadOffersAndInconsistentPrices() {
        String segment = "seg-" + UUID.randomUUID();
        SegmentServiceStub.KNOWN.add(segment);
        String product = "p-" + UUID.randomUUID();
        String key = "bad-" + UUID.randomUUID();
        put(key, percentage(segment, "-5", product, ""))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("percentOff"));
        put(key, percentage(segment, "150", product, ""))
                .statusCode(400)
                .body("errors[0].field", equalTo("percentOff"));
        put(key, percentage(segment, "60", product, ""))
                .statusCode(400)
                .body("errors[0].message", containsString("discount cap"));
        put(key, percentage(segment, "10", product, ",\"colour\":\"red\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        put(key, percentage("no-such-" + segment, "10", product, ""))
                .statusCode(400)
                .body("errors[0].field", equalTo("targeting.segments[0]"));
        put(key, "{\"kind\":\"fixed_amount\",\"name\":\"x\",\"amountOff\":-3}")
                .statusCode(400)
                .body("errors[0].field", equalTo("amountOff"));
        put(key, "{\"kind\":\"coupon\",\"name\":\"x\"}").statusCode(400).body("errors[0].field", equalTo("kind"));
        put("Bad Key", percentage(segment, "10", product, "")).statusCode(400);
        given().get("/v1/offers/" + key).then().statusCode(404).contentType("application/problem+json");

        // two segments, the same product, the same time, different prices: refused unless a reason is declared
        String other = "seg-" + UUID.randomUUID();
        SegmentServiceStub.KNOWN.add(other);
        put("a-" + key, percentage(segment, "10", product, "")).statusCode(200);
        put("b-" + key, percentage(other, "20", product, ""))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("offer 'a-" + key + "'"));
        put("b-" + key, percentage(other, "20", product, ",\"priceReason\":\"loyalty tier pricing\""))
                .statusCode(200);
        put(
                        "c-" + key,
                        percentage(segment, "10", "c-" + product, "")
                                .replace("\"segments\":", "\"devices\":[\"mobile\"],\"segments\":"))
                .statusCode(409)
                .body("errors[0].field", equalTo("targeting"));
    }

    @Test
    void badDecideAndAuditRequestsAreProblems() {
        decide("{\"products\":[]}").statusCode(400).body("errors[0].field", equalTo("shopper"));
        decide("{\"shopper\":{\"anonymousId\":\"a\"},\"products\":[{\"productId\":\"x\",\"price\":-1}]}")
                .statusCode(400)
                .body("errors[0].field", equalTo("products[0].price"));
        decide("{\"shopper\":{\"anonymousId\":\"a\"},\"products\":[{\"price\":1,\"quantity\":0}]}")
                .statusCode(400)
                .body("errors.field", hasItem("products[0].quantity"));
        decide("{\"shopper\":").statusCode(400).contentType("application/problem+json");
        given().get("/v1/offers/no-such-offer/audit").then().statusCode(404);
        given().get("/v1/offers/no-such-offer/audit?limit=0").then().statusCode(400);
    }

    @Test
    void erasureDeletesTheShoppersAuditRows() {
        String segment = "seg-" + UUID.randomUUID();
        String offer = "o-" + UUID.randomUUID();
        String product = "shoe-" + UUID.randomUUID();
        String shopper = shopperIn(segment);
        put(offer, percentage(segment, "15", product, "")).statusCode(200);
        decide(request(shopper, product, "100")).statusCode(200).body("offers", hasSize(1));
        given().get("/v1/offers/" + offer + "/audit").then().statusCode(200).body("", hasSize(1));

        PrivacyRequest erase = new PrivacyRequest(
                UUID.randomUUID().toString(), PrivacyRequest.Kind.ERASE, null, null, List.of(shopper), Instant.now());
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10));
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10));
        given().get("/v1/offers/" + offer + "/audit").then().statusCode(200).body("", hasSize(0));
        assertThat(offer).isNotBlank();
    }
}
