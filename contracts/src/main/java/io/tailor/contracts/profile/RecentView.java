package io.tailor.contracts.profile;

import java.time.Instant;

/** A product the shopper viewed, newest first in a profile. */
public record RecentView(String productId, Instant at) {}
