package io.tailor.contracts.privacy;

import java.time.Instant;

/**
 * A service's answer to a {@link PrivacyRequest}.
 *
 * @param service the answering service's name, e.g. segment-service
 * @param done whether it finished; false with a detail when it could not
 */
public record PrivacyResult(String requestId, String service, boolean done, String detail, Instant at) {}
