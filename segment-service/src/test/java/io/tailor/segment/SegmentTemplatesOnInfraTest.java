package io.tailor.segment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.domain.SegmentTemplates;
import io.tailor.segment.service.RfmService;
import io.tailor.segment.testing.RetailFacts;
import io.tailor.segment.testing.ShopperHistories;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every template as a saved segment, on the real dev stack, against the profiles of the real retail history
 * published on profile-changes: half the segments exist before the profiles arrive (decided live, per change), half
 * are created after (decided by the backfill). Membership in Redis must be what the template's rule says of each
 * profile, with the RFM boundaries the service computed from the profiles it holds.
 */
@QuarkusTest
class SegmentTemplatesOnInfraTest {

    private static final RuleEngine ENGINE = new RuleEngine();
    private static TopicClient kafka;

    @Inject
    RedisDataSource redis;

    @Inject
    RfmService rfm;

    @BeforeAll
    static void connect() {
        kafka = SegmentTestSupport.kafka();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** Parameters that select someone in a five-day history whose last order was yesterday. */
    static Map<String, String> parameters(String template) {
        return switch (template) {
            case "returning-visitor" -> Map.of("minSessions", "3");
            case "lapsing-customer" -> Map.of("afterDays", "2", "lostAfterDays", "4");
            default -> Map.of();
        };
    }

    @Test
    void everyTemplateSelectsTheShoppersOfTheRealHistoryItDescribes() throws JsonProcessingException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant built = Instant.now();
        Map<String, ProfileSnapshot> profiles = ShopperHistories.fold(ShopperHistories.retailEvents(built), built, run);
        Set<String> ids =
                profiles.values().stream().map(ProfileSnapshot::profileId).collect(Collectors.toSet());
        List<SegmentTemplates.Template> templates = SegmentTemplates.all().stream()
                .filter(t -> t.scope().equals("profile"))
                .toList();
        Map<String, RuleEngine.Compiled> rules = new LinkedHashMap<>();
        for (int i = 0; i < templates.size(); i++) {
            SegmentTemplates.Template t = templates.get(i);
            rules.put(
                    t.key(),
                    ENGINE.compile(t.rule(parameters(t.key())), RuleEngine.Scope.PROFILE, "rule")
                            .rule());
            if (i % 2 == 0) {
                save(t, run);
            }
        }
        SegmentTestSupport.publish(kafka, redis, profiles.values());
        for (int i = 1; i < templates.size(); i += 2) {
            save(templates.get(i), run);
        }

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    RfmModel model = rfm.model();
                    assertThat(model.buyers()).isGreaterThanOrEqualTo(profiles.size());
                    Instant now = Instant.now();
                    for (SegmentTemplates.Template t : templates) {
                        Set<String> expected = profiles.values().stream()
                                .filter(p -> ENGINE.evaluate(
                                                rules.get(t.key()),
                                                RuleInputs.profile(p, model.scores(ProfileIndex.facts(p))),
                                                null,
                                                now)
                                        .matches())
                                .map(ProfileSnapshot::profileId)
                                .collect(Collectors.toCollection(TreeSet::new));
                        assertThat(SegmentTestSupport.members(redis, key(t, run), ids))
                                .as(t.key())
                                .isEqualTo(expected);
                    }
                });

        // and what the data itself says, for two of them
        RetailFacts facts = RetailFacts.read();
        Set<String> repeat = facts.shoppers.values().stream()
                .filter(s -> s.invoices.size() >= 2)
                .map(s -> profiles.get(s.key).profileId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(repeat).isNotEmpty();
        assertThat(SegmentTestSupport.members(redis, "repeat-customer-" + run, ids))
                .isEqualTo(repeat);
        Set<String> wholesale = facts.shoppers.values().stream()
                .filter(s -> s.customer && (double) s.units / s.lines >= 24)
                .map(s -> profiles.get(s.key).profileId())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(SegmentTestSupport.members(redis, "wholesale-account-" + run, ids))
                .isNotEmpty()
                .isEqualTo(wholesale);
    }

    @Test
    void theRequestTemplateIsDecidedOnEachPage() throws JsonProcessingException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        save(SegmentTemplates.get("paid-social-landing").orElseThrow(), run);
        String body =
                """
                {"shopper":{"anonymousId":"%s"},"context":{"pageType":"landing","utm":{"source":"%s","medium":"%s"}}}
                """;
        given().contentType("application/json")
                .body(body.formatted("nobody-" + run, "instagram", "paid_social"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", hasItem("paid-social-landing-" + run));
        given().contentType("application/json")
                .body(body.formatted("nobody-" + run, "facebook", "cpc"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", hasItem("paid-social-landing-" + run));
        given().contentType("application/json")
                .body(body.formatted("nobody-" + run, "newsletter", "email"))
                .post("/v1/memberships/lookup")
                .then()
                .statusCode(200)
                .body("segments.key", not(hasItem("paid-social-landing-" + run)));
    }

    static String key(SegmentTemplates.Template t, String run) {
        return t.key() + "-" + run;
    }

    private static void save(SegmentTemplates.Template t, String run) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", t.name() + " " + run);
        body.put("template", t.key());
        body.put("parameters", parameters(t.key()));
        SegmentTestSupport.put(key(t, run), SegmentTestSupport.JSON.writeValueAsString(body));
    }
}
