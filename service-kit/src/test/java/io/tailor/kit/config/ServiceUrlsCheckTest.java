package io.tailor.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceUrlsCheckTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // expands ${...} as at run time
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }

    @Test
    void aClientWhoseVariableIsMissingIsNamedWithTheVariable() {
        var config = config(Map.of(
                "quarkus.rest-client.segment-service.url", "${SEGMENT_SERVICE_URL_FOR_THIS_TEST}",
                "quarkus.rest-client.experiment-service.url", "http://experiment:8085"));

        assertThat(ServiceUrlsCheck.problems(config))
                .singleElement()
                .asString()
                .startsWith("quarkus.rest-client.segment-service.url")
                .contains("SEGMENT_SERVICE_URL_FOR_THIS_TEST");
    }

    @Test
    void resolvedUrlsAndOtherSettingsPass() {
        var config = config(Map.of(
                "quarkus.rest-client.segment-service.url", "${SEGMENT:http://segment:8082}",
                "quarkus.rest-client.read-timeout", "2000",
                "quarkus.rest-client.\"segment-service\".url", "${AN_ALIAS_QUARKUS_ADDS}",
                "some.other.url", "${NOT_A_CLIENT_AND_NOT_SET}"));

        assertThat(ServiceUrlsCheck.problems(config)).isEmpty();
    }

    @Test
    void anEmptyUrlIsAProblem() {
        var config = config(Map.of("quarkus.rest-client.content-service.url", ""));

        assertThat(ServiceUrlsCheck.problems(config))
                .singleElement()
                .asString()
                .startsWith("quarkus.rest-client.content-service.url: ");
    }
}
