package io.tailor.content.targeting;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * When a variant may be shown: between {@code start} (inclusive) and {@code end} (exclusive), on the given days of
 * the week and between {@code from} (inclusive) and {@code to} (exclusive) local time, in {@code timeZone}. A window
 * whose {@code to} is not after its {@code from} runs over midnight (22:00 to 02:00); its days are the days it starts.
 *
 * @param timeZone an IANA zone id (Europe/Paris); required when days or a time window are given
 * @param days MONDAY..SUNDAY (or MON..SUN), any case
 * @param from HH:mm local time
 * @param to HH:mm local time
 */
@RegisterForReflection
public record Schedule(Instant start, Instant end, String timeZone, List<String> days, String from, String to) {}
