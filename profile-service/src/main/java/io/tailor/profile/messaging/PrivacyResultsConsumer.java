package io.tailor.profile.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyResult;
import io.tailor.profile.config.ProfileConfig;
import io.tailor.profile.repository.PrivacyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Records every service's answer to an erasure; the request is complete when all expected services confirmed. */
@ApplicationScoped
public class PrivacyResultsConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyResultsConsumer.class);

    private final ObjectMapper mapper;
    private final PrivacyStore store;
    private final List<String> expected;

    public PrivacyResultsConsumer(ObjectMapper mapper, PrivacyStore store, ProfileConfig config) {
        this.mapper = mapper;
        this.store = store;
        this.expected = config.privacy().services();
    }

    /** The incoming channel of answers (topic privacy-results; the kit produces to the same topic). */
    public static final String ANSWERS = "erasure-answers";

    @Incoming(ANSWERS)
    public Uni<Void> consume(String json) {
        PrivacyResult result;
        try {
            result = mapper.readValue(json, PrivacyResult.class);
            UUID.fromString(result.requestId());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("Skipping an unreadable privacy result");
            return Uni.createFrom().voidItem();
        }
        return store.recordAnswer(
                UUID.fromString(result.requestId()),
                result.service(),
                result.done(),
                result.detail(),
                result.at() == null ? Instant.now() : result.at(),
                expected);
    }
}
