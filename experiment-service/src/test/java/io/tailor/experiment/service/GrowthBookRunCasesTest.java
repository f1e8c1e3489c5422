package io.tailor.experiment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.kit.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the {@code run} section of GrowthBook's public SDK test cases (src/test/resources/growthbook/cases.json,
 * spec 0.5.4) through the stateless evaluator: the value, inExperiment and hashUsed must be the SDK's.
 */
class GrowthBookRunCasesTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private final GrowthBookEvaluator evaluator = new GrowthBookEvaluator();

    /** The run cases as [name, request JSON, expected value, inExperiment, hashUsed]. */
    static List<Object[]> cases() {
        try (InputStream in = GrowthBookRunCasesTest.class.getResourceAsStream("/growthbook/cases.json")) {
            JsonNode all = MAPPER.readTree(in);
            List<Object[]> cases = new ArrayList<>();
            for (JsonNode c : all.get("run")) {
                var request = MAPPER.createObjectNode();
                request.set("experiment", c.get(2));
                request.set("context", c.get(1));
                cases.add(new Object[] {
                    c.get(0).asText(),
                    request,
                    c.get(3),
                    c.get(4).asBoolean(),
                    c.get(5).asBoolean()
                });
            }
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRunCaseGivesTheSdkResult() {
        List<Object[]> cases = cases();
        assertThat(cases).hasSize(68);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
                    GrowthBookEvaluation.Request request =
                            MAPPER.convertValue(c[1], GrowthBookEvaluation.Request.class);
                    GrowthBookEvaluation.Result result = evaluator.evaluate(request);
                    assertThat((Object) MAPPER.valueToTree(result.value())).isEqualTo(c[2]);
                    assertThat(result.inExperiment()).isEqualTo((boolean) c[3]);
                    assertThat(result.hashUsed()).isEqualTo((boolean) c[4]);
                    if (!result.inExperiment()) {
                        assertThat(result.variationId()).isZero();
                    }
                }));
    }

    @Test
    void numbersAreHashedAsJavaScriptWritesThemAndFalsyValuesKeepTheUnitOut() {
        assertThat(GrowthBookEvaluator.jsString(123)).isEqualTo("123");
        assertThat(GrowthBookEvaluator.jsString(123.0)).isEqualTo("123");
        assertThat(GrowthBookEvaluator.jsString(1.5)).isEqualTo("1.5");
        assertThat(GrowthBookEvaluator.jsString(0)).isNull();
        assertThat(GrowthBookEvaluator.jsString("")).isNull();
        assertThat(GrowthBookEvaluator.jsString(false)).isNull();
    }

    @Test
    void queryStringOverridesFollowParseInt() {
        assertThat(GrowthBookEvaluator.queryStringOverride("k", "http://x.com/?k=2.054", 3))
                .isEqualTo(2);
        assertThat(GrowthBookEvaluator.queryStringOverride("k", "http://x.com/?k=foo", 3))
                .isNull();
        assertThat(GrowthBookEvaluator.queryStringOverride("k", "http://x.com/?k=3", 3))
                .isNull();
        assertThat(GrowthBookEvaluator.queryStringOverride("k", "http://x.com/?a=1&k=1#x", 3))
                .isEqualTo(1);
    }

    @Test
    void malformedRangesAreAProblemNamingTheField() {
        var e = new GrowthBookEvaluation.Experiment(
                "k", List.of(0, 1), null, null, null, null, null, null, null, null, null, null, List.of(List.of(0.1)));
        assertThatThrownBy(() -> evaluator.evaluate(new GrowthBookEvaluation.Request(e, Map.of("id", "1"), null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(t -> assertThat(
                                ((ProblemException) t).errors().getFirst().field())
                        .isEqualTo("experiment.ranges[0]"));
    }
}
