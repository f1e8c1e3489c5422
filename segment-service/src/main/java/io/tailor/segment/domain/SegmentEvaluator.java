package io.tailor.segment.domain;

import com.google.protobuf.Message;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates segments against one profile: which it matches, which failed (and why), when it should next be looked
 * at, and the reason of an enter or exit in plain words with the values the rule read.
 */
public final class SegmentEvaluator {

    /** The longest reason text published. */
    static final int MAX_REASON = 1_000;

    private final RuleEngine engine;

    public SegmentEvaluator(RuleEngine engine) {
        this.engine = engine;
    }

    /** Which segments a profile matches now, failures per segment, and the next instant to look again. */
    public record Evaluation(Set<String> matches, Map<String, String> errors, Instant nextWakeUp) {}

    public Evaluation evaluate(List<SegmentRule> segments, Message profile, Instant now) {
        Set<String> matches = new HashSet<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Instant next = null;
        for (SegmentRule s : segments) {
            RuleEngine.Outcome outcome = engine.evaluate(s.rule(), profile, null, now);
            if (outcome.matches()) {
                matches.add(s.key());
            }
            if (outcome.error() != null) {
                errors.put(s.key(), outcome.error());
            }
            Instant at = nextWakeUp(s, profile, now);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return new Evaluation(matches, errors, next);
    }

    /** The earliest future instant the segment's wake-up expression gives for this profile, or null. */
    public Instant nextWakeUp(SegmentRule s, Message profile, Instant now) {
        if (s.wakeUp() == null) {
            return null;
        }
        Instant next = null;
        for (Instant at : engine.wakeUps(s.wakeUp(), profile, now)) {
            if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    /**
     * Why a profile entered or left: the rule and the values of the profile fields it read, e.g.
     * {@code matches profile.orders >= 2 with profile.orders=3 (profile change)}.
     */
    public String reason(SegmentRule s, Message profile, boolean entered, String cause) {
        String text = (entered ? "matches " : "no longer matches ") + s.rule().source() + values(s, profile) + " ("
                + cause + ")";
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    /** The values of the profile fields a rule reads, for reasons and explanations. */
    public static Map<String, Object> values(RuleEngine.Compiled rule, Message profile, Message request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String path : rule.fields()) {
            if (path.startsWith("profile.")) {
                values.put(path, RuleInputs.valueAt(profile, path.substring("profile.".length())));
            } else if (path.startsWith("request.") && request != null) {
                values.put(path, RuleInputs.valueAt(request, path.substring("request.".length())));
            }
        }
        return values;
    }

    private static String values(SegmentRule s, Message profile) {
        Map<String, Object> values = values(s.rule(), profile, null);
        if (values.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        values.forEach((path, value) -> parts.add(path + "=" + value));
        return " with " + String.join(", ", parts);
    }
}
