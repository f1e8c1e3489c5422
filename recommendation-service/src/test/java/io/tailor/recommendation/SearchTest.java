package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.contracts.HotState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileSnapshot;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Personalized search, re-ranking and category sort orders over a real catalogue upsert and a hot profile in Redis. */
@QuarkusTest
class SearchTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String category(String name) {
        return name + "-" + run;
    }

    private String product(String id, String title, String category, String price, String launch, String extra) {
        return """
                {"id":"%s-%s","title":"%s","categoryPath":["%s"],"brand":"Acme","price":%s,"currency":"GBP",
                 "stock":5,"launchDate":"%s"%s}
                """
                .formatted(id, run, title, category(category), price, launch, extra);
    }

    private void catalogue() {
        String rows = String.join(
                ",",
                product("lantern-garden", "Zephyr candle lantern", "garden", "20", "2026-01-01", ""),
                product("lantern-decor", "Zephyr candle lantern", "decor", "25", "2026-03-01", ""),
                product(
                        "vase",
                        "Zephyr glass vase",
                        "decor",
                        "15",
                        "2026-06-01",
                        ",\"attributes\":{\"rating\":\"4.8\"}"),
                product("bench", "Zephyr garden bench", "garden", "90", "2025-06-01", ""),
                product("gone", "Zephyr candle snuffer", "decor", "5", "2026-01-01", ",\"active\":false"));
        given().contentType("application/json")
                .body("[" + rows + "]")
                .put("/v1/catalog/products")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(5));
    }

    /** A shopper who mostly browses the garden category. */
    private String gardener(boolean consent) throws Exception {
        String anonymous = "anon-" + run + (consent ? "" : "-no");
        String profileId = "p-" + run + (consent ? "" : "-no");
        Instant now = Instant.now();
        ProfileSnapshot profile = new ProfileSnapshot(
                profileId,
                1,
                null,
                List.of(anonymous),
                Map.of(),
                new ConsentState(consent, true, null, now),
                now,
                now,
                3,
                10,
                8,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                List.of(),
                null,
                Map.of(category("garden"), 0.9, category("decor"), 0.1),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
        redis.value(String.class).set(HotState.anonymousAlias(anonymous), profileId);
        redis.hash(String.class)
                .hset(HotState.profile(profileId), HotState.PROFILE_SNAPSHOT_FIELD, mapper.writeValueAsString(profile));
        return anonymous;
    }

    private static JsonPath post(String path, String body) {
        return given().contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void searchFindsByTextStemsAndReranksByTheShoppersAffinities() throws Exception {
        catalogue();
        // stemming: "lanterns" finds "lantern"; the inactive snuffer is never returned
        JsonPath anyone = post("/v1/search", "{\"query\":\"zephyr candle lanterns\"}");
        assertThat(anyone.getList("items.productId", String.class))
                .contains("lantern-garden-" + run, "lantern-decor-" + run)
                .doesNotContain("gone-" + run);
        assertThat(anyone.getBoolean("personalized")).isFalse();
        assertThat(anyone.getString("items[0].reason")).startsWith("matches \u201czephyr candle lanterns\u201d");

        // the two lanterns match equally; the gardener gets the garden one first, with the reason
        String shopper = gardener(true);
        JsonPath personal = post(
                "/v1/search",
                "{\"shopper\":{\"anonymousId\":\"%s\"},\"query\":\"zephyr lantern\",\"limit\":2}".formatted(shopper));
        assertThat(personal.getBoolean("personalized")).isTrue();
        assertThat(personal.getString("items[0].productId")).isEqualTo("lantern-garden-" + run);
        assertThat(personal.getString("items[0].reason")).contains("you often browse " + category("garden"));

        // without personalization consent the same shopper is not re-ranked by affinities
        String withoutConsent = gardener(false);
        JsonPath plain = post(
                "/v1/search",
                "{\"shopper\":{\"anonymousId\":\"%s\"},\"query\":\"zephyr lantern\"}".formatted(withoutConsent));
        assertThat(plain.getBoolean("personalized")).isFalse();

        // within a category
        JsonPath decor = post("/v1/search", "{\"query\":\"zephyr\",\"category\":\"%s\"}".formatted(category("decor")));
        assertThat(decor.getList("items.productId", String.class))
                .containsExactlyInAnyOrder("lantern-decor-" + run, "vase-" + run);
    }

    @Test
    void rerankOrdersTheStoresListForTheShopper() throws Exception {
        catalogue();
        String shopper = gardener(true);
        JsonPath reranked = post(
                "/v1/search/rerank",
                """
                {"shopper":{"anonymousId":"%s"},"productIds":["vase-%s","lantern-decor-%s","bench-%s"]}
                """
                        .formatted(shopper, run, run, run));
        assertThat(reranked.getList("items.productId", String.class))
                .containsExactly("bench-" + run, "vase-" + run, "lantern-decor-" + run);
    }

    @Test
    void aCategoryComesInTheSortOrderAsked() throws Exception {
        catalogue();
        String decor = category("decor");
        assertThat(post("/v1/search/category", "{\"category\":\"%s\",\"sortOrder\":\"new_first\"}".formatted(decor))
                        .getList("items.productId", String.class))
                .containsExactly("vase-" + run, "lantern-decor-" + run);
        assertThat(post("/v1/search/category", "{\"category\":\"%s\",\"sortOrder\":\"price_desc\"}".formatted(decor))
                        .getList("items.productId", String.class))
                .containsExactly("lantern-decor-" + run, "vase-" + run);
        assertThat(post("/v1/search/category", "{\"category\":\"%s\",\"sortOrder\":\"top_rated\"}".formatted(decor))
                        .getString("items[0].productId"))
                .isEqualTo("vase-" + run);
        JsonPath garden = post(
                "/v1/search/category", "{\"category\":\"%s\",\"limit\":1,\"offset\":1}".formatted(category("garden")));
        assertThat(garden.getInt("total")).isEqualTo(2);
        assertThat(garden.getList("items")).hasSize(1);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        catalogue();
        given().contentType("application/json")
                .body("{\"query\":\" \"}")
                .post("/v1/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("query"));
        given().contentType("application/json")
                .body("{\"query\":\"x\",\"limit\":0,\"offset\":-1}")
                .post("/v1/search")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("limit", "offset"));
        // the parser never fails on what a shopper types
        post("/v1/search", "{\"query\":\"zephyr AND (( \\\" -\"}");
        given().contentType("application/json")
                .body("{\"productIds\":[\"vase-%s\",\"nope\"]}".formatted(run))
                .post("/v1/search/rerank")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("productIds[1]"));
        given().contentType("application/json")
                .body("{\"category\":\"%s\",\"sortOrder\":\"cheapest\"}".formatted(category("decor")))
                .post("/v1/search/category")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sortOrder"));
        given().contentType("application/json")
                .body("{\"category\":\"no-such-category\"}")
                .post("/v1/search/category")
                .then()
                .statusCode(404);
    }
}
