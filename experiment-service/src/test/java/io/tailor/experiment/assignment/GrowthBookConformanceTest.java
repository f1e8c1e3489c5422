package io.tailor.experiment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Replays GrowthBook's public SDK test cases (src/test/resources/growthbook) against Tailor's hashing. */
class GrowthBookConformanceTest {

    private static final JsonNode CASES = load();

    private static JsonNode load() {
        try (InputStream in = GrowthBookConformanceTest.class.getResourceAsStream("/growthbook/cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<JsonNode> section(String name) {
        List<JsonNode> cases = new ArrayList<>();
        CASES.get(name).forEach(cases::add);
        return cases.stream();
    }

    private static List<Double> doubles(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    @TestFactory
    Stream<DynamicTest> hash() {
        return section("hash")
                .map(c -> DynamicTest.dynamicTest(
                        "hash(" + c.get(0).asText() + ", " + c.get(1).asText() + ", v"
                                + c.get(2).asInt() + ")",
                        () -> {
                            Double actual = GrowthBookHashing.hash(
                                    c.get(0).asText(),
                                    c.get(1).asText(),
                                    c.get(2).asInt());
                            if (c.get(3).isNull()) {
                                assertThat(actual).isNull();
                            } else {
                                assertThat(actual).isCloseTo(c.get(3).asDouble(), within(1e-9));
                            }
                        }));
    }

    @TestFactory
    Stream<DynamicTest> bucketRanges() {
        return section("getBucketRange")
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    JsonNode args = c.get(1);
                    List<double[]> ranges = GrowthBookHashing.bucketRanges(
                            args.get(0).asInt(), args.get(1).asDouble(), doubles(args.get(2)));
                    JsonNode expected = c.get(2);
                    assertThat(ranges).hasSize(expected.size());
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(ranges.get(i)[0])
                                .isCloseTo(expected.get(i).get(0).asDouble(), within(1e-6));
                        assertThat(ranges.get(i)[1])
                                .isCloseTo(expected.get(i).get(1).asDouble(), within(1e-6));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> chooseVariation() {
        return section("chooseVariation")
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    List<double[]> ranges = new ArrayList<>();
                    c.get(2)
                            .forEach(r -> ranges.add(
                                    new double[] {r.get(0).asDouble(), r.get(1).asDouble()}));
                    assertThat(GrowthBookHashing.chooseVariation(c.get(1).asDouble(), ranges))
                            .isEqualTo(c.get(3).asInt());
                }));
    }

    @TestFactory
    Stream<DynamicTest> equalWeights() {
        return section("getEqualWeights")
                .map(c -> DynamicTest.dynamicTest("n=" + c.get(0).asInt(), () -> {
                    List<Double> weights =
                            GrowthBookHashing.equalWeights(c.get(0).asInt());
                    List<Double> expected = doubles(c.get(1));
                    assertThat(weights).hasSize(expected.size());
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(weights.get(i)).isCloseTo(expected.get(i), within(1e-6));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> namespaces() {
        return section("inNamespace")
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    JsonNode ns = c.get(2);
                    assertThat(GrowthBookHashing.inNamespace(
                                    c.get(1).asText(),
                                    ns.get(0).asText(),
                                    ns.get(1).asDouble(),
                                    ns.get(2).asDouble()))
                            .isEqualTo(c.get(3).asBoolean());
                }));
    }
}
