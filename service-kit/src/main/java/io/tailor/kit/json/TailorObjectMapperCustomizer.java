package io.tailor.kit.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tailor.contracts.TailorJson;
import jakarta.inject.Singleton;

/** Gives Quarkus' own ObjectMapper (REST and Kafka) Tailor's JSON conventions. */
@Singleton
public class TailorObjectMapperCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        TailorJson.configure(mapper);
    }
}
