package io.tailor.profile.domain;

import java.time.Instant;

/**
 * One identity-stitching merge: {@code mergedId}'s history now belongs to {@code survivorId}, and every identity of
 * the merged profile resolves to the survivor.
 *
 * @param reason login (a customer id arrived with a known anonymous id) or identify (an e-mail or customer id was
 *     declared)
 */
public record ProfileMergeRecord(String survivorId, String mergedId, String reason, String causeEventId, Instant at) {}
