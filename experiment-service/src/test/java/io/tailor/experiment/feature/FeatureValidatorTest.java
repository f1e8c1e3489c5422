package io.tailor.experiment.feature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.event.Violation;
import io.tailor.experiment.service.TargetingRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureValidatorTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FeatureValidator validator = new FeatureValidator(new TargetingRules()::check);
    private final Map<String, List<String>> experiments = Map.of("hero", List.of("control", "big"));

    private List<String> fields(String key, String json) throws Exception {
        return validator.validate(key, mapper.readValue(json, FeatureDefinition.class), experiments).stream()
                .map(Violation::field)
                .toList();
    }

    @Test
    void aValidFeatureHasNoViolations() throws Exception {
        assertThat(
                        fields(
                                "new-checkout",
                                """
                {"valueType":"boolean","defaultValue":false,"rules":[
                  {"type":"force","condition":"request.country == 'DE'","segments":["vip"],"value":true},
                  {"type":"rollout","coverage":0.2,"value":true,"seed":"s","hashAttribute":"customerId","hashVersion":1},
                  {"type":"experiment","experiment":"hero","values":{"control":false,"big":true}}]}
                """))
                .isEmpty();
        assertThat(
                        fields(
                                "layout",
                                """
                {"valueType":"json","defaultValue":{"columns":3},"rules":[{"type":"force","value":[1,2]}]}
                """))
                .isEmpty();
    }

    @Test
    void eachViolationNamesItsField() throws Exception {
        assertThat(fields(
                        "Bad Key", """
                {"valueType":"colour","defaultValue":"red"}
                """))
                .containsExactly("key", "valueType");
        assertThat(
                        fields(
                                "f",
                                """
                {"valueType":"number","defaultValue":"3","rules":[
                  {"type":"rollout","coverage":1.5,"value":2},
                  {"type":"rollout","value":2,"hashVersion":3},
                  {"type":"force","value":true,"coverage":0.5},
                  {"type":"force","condition":"request.nope ==","value":1},
                  {"type":"sometimes","value":1},
                  {"type":"experiment","experiment":"hero","values":{"control":1,"huge":2}},
                  {"type":"experiment","experiment":"missing","values":{}},
                  {"type":"force","segments":["Not A Key"]}]}
                """))
                .contains(
                        "defaultValue",
                        "rules[0].coverage",
                        "rules[1].coverage",
                        "rules[1].hashVersion",
                        "rules[2].value",
                        "rules[2].coverage",
                        "rules[3].condition",
                        "rules[4].type",
                        "rules[5].values.huge",
                        "rules[5].values",
                        "rules[6].experiment",
                        "rules[7].segments[0]",
                        "rules[7].value");
        assertThat(
                        fields(
                                "f",
                                """
                {"valueType":"boolean","rules":[{"type":"rollout","coverage":-0.1,"value":null}]}
                """))
                .containsExactly("defaultValue", "rules[0].value", "rules[0].coverage");
    }
}
