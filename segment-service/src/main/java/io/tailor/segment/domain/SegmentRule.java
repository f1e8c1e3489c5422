package io.tailor.segment.domain;

import io.tailor.rules.InputProjection;
import io.tailor.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * An enabled segment ready to evaluate: its compiled rule, its wake-up expression (for rules that change with time
 * alone) and the projection of the profile fields both read.
 */
public record SegmentRule(
        String key,
        String name,
        int version,
        RuleEngine.Compiled rule,
        RuleEngine.Compiled wakeUp,
        boolean requestScoped,
        InputProjection projection) {

    public static SegmentRule of(
            String key,
            String name,
            int version,
            RuleEngine.Compiled rule,
            RuleEngine.Compiled wakeUp,
            boolean request) {
        List<String> fields = new ArrayList<>(rule.fields());
        if (wakeUp != null) {
            fields.addAll(wakeUp.fields());
        }
        return new SegmentRule(key, name, version, rule, wakeUp, request, InputProjection.of(fields));
    }

    /** Whether membership depends on the RFM scores or the spend percentile (which move with everyone's data). */
    public boolean readsScores() {
        return projection.readsScores();
    }
}
