package io.tailor.contracts.profile;

import java.time.Instant;

/** Where a visit came from: the campaign parameters, or the referrer's host when there were none. */
public record Touch(String source, String medium, String campaign, Instant at) {}
