package io.tailor.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.Topics;
import io.tailor.devstack.TestStack;
import io.tailor.devstack.TopicClient;
import io.tailor.recommendation.catalog.CatalogIndex;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The catalogue from the catalog-changes topic, and API upserts told to every replica through it. */
@QuarkusTest
class CatalogChangesTest {

    @Inject
    CatalogIndex index;

    private static String row(String id, String title) {
        return """
                {"id":"%s","title":"%s","categoryPath":["Kitchen"],"price":12.5,"currency":"GBP","stock":3}
                """
                .formatted(id, title);
    }

    @Test
    void rowsAreStoredBadRowsSkippedAndTombstonesDeactivate() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mug = "mug-" + run;
        String bad = "bad-" + run;
        try (TopicClient topics = new TopicClient(TestStack.get().kafka().bootstrapServers())) {
            topics.send(Topics.CATALOG_CHANGES, mug, row(mug, "Enamel mug"));
            topics.send(Topics.CATALOG_CHANGES, bad, "{\"id\":\"" + bad + "\",\"price\":-1}");
            topics.send(Topics.CATALOG_CHANGES, "junk-" + run, "{not json");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/catalog/products/" + mug)
                    .then()
                    .statusCode(200)
                    .body("title", equalTo("Enamel mug")));
            // the replica's memory follows too (searchable, recommendable)
            await().atMost(Duration.ofSeconds(30)).until(() -> index.get(mug).isPresent());
            given().get("/v1/catalog/products/" + bad).then().statusCode(404);

            topics.send(Topics.CATALOG_CHANGES, mug, null);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/catalog/products/" + mug)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> index.get(mug).map(p -> !p.available()).orElse(false));
        }
    }

    @Test
    void anApiUpsertIsToldToEveryReplicaAsAlreadyStored() {
        String id = "api-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicClient topics = new TopicClient(TestStack.get().kafka().bootstrapServers());
                TopicClient.Watcher changes = topics.watch(Topics.CATALOG_CHANGES)) {
            given().contentType("application/json")
                    .body("[" + row(id, "Linen apron") + "]")
                    .put("/v1/catalog/products")
                    .then()
                    .statusCode(200)
                    .body("upserted", equalTo(1));
            var record = changes.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            assertThat(record.value()).contains("Linen apron");
            assertThat(record.headers().lastHeader("tailor-stored")).isNotNull();
        }
    }

    @Test
    void aLargeUploadIsToldInFull() {
        // more products than the emitter buffers by default (128): every one of them reaches the topic
        String run = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids =
                IntStream.range(0, 1_500).mapToObj(i -> run + "-" + i).toList();
        try (TopicClient topics = new TopicClient(TestStack.get().kafka().bootstrapServers());
                TopicClient.Watcher changes = topics.watch(Topics.CATALOG_CHANGES)) {
            given().contentType("application/json")
                    .body(ids.stream().map(id -> row(id, "Tea towel " + id)).collect(Collectors.joining(",", "[", "]")))
                    .put("/v1/catalog/products")
                    .then()
                    .statusCode(200)
                    .body("upserted", equalTo(1_500));
            Set<String> told = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                changes.seen().stream()
                        .map(ConsumerRecord::key)
                        .filter(key -> key != null && key.startsWith(run + "-"))
                        .forEach(told::add);
                return told.size() == ids.size();
            });
            assertThat(told).containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
