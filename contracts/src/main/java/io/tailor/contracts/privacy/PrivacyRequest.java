package io.tailor.contracts.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Published on {@code privacy-requests} by profile-service; every service that stores shopper data acts on it
 * and answers on {@code privacy-results}.
 */
public record PrivacyRequest(
        String requestId, Kind kind, String profileId, String customerId, List<String> anonymousIds, Instant at) {

    public enum Kind {
        ERASE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
