package io.tailor.kit.privacy;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.tailor.contracts.privacy.PrivacyRequest;

/** Reads {@code privacy-requests} records with Quarkus' ObjectMapper (Tailor's JSON conventions). */
public class PrivacyRequestDeserializer extends ObjectMapperDeserializer<PrivacyRequest> {

    public PrivacyRequestDeserializer() {
        super(PrivacyRequest.class);
    }
}
