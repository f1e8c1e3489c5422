package io.tailor.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of every Tailor message: ISO-8601 instants (read by {@link TailorInstants}), absent values
 * omitted. Readers of messages ignore fields they do not know (additive evolution, docs/adr/0004-contract-format.md);
 * the gateway's public API refuses them instead (its Quarkus configuration).
 */
public final class TailorJson {

    private TailorJson() {}

    /** Applies Tailor's conventions to a mapper (Quarkus' own, or a plain one). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(TailorInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** A new mapper with Tailor's conventions, for code outside Quarkus (tools, tests, the dev stack). */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
