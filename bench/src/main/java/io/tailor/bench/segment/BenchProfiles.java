package io.tailor.bench.segment;

import io.tailor.bench.BenchSupport;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.domain.SegmentTemplates;
import io.tailor.segment.testing.ShopperHistories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the segment benchmarks share: profiles folded from the real retail history, and 50 realistic segments. */
final class BenchProfiles {

    private BenchProfiles() {}

    /** One profile per shopper of the retail history (the last order yesterday), ids unique to {@code run}. */
    static List<ProfileSnapshot> retail(String run, Instant now) {
        System.setProperty("tailor.home", BenchSupport.root().toString());
        return new ArrayList<>(ShopperHistories.fold(ShopperHistories.retailEvents(now), now, run)
                .values());
    }

    /**
     * 50 profile segments as a shop would have them: the profile templates with their defaults, the same
     * templates with other parameters, and hand-written rules over counts, spend, interest, country and lifecycle.
     */
    static List<SegmentRule> fifty(RuleEngine engine) {
        List<String> rules = new ArrayList<>();
        List<String> wakeUps = new ArrayList<>();
        List<SegmentTemplates.Template> templates = SegmentTemplates.all().stream()
                .filter(t -> t.scope().equals("profile"))
                .toList();
        for (SegmentTemplates.Template t : templates) {
            rules.add(t.rule(Map.of()));
            wakeUps.add(t.wakeUp(Map.of()));
        }
        List<Map<String, String>> variants = List.of(
                Map.of("minSessions", "5"),
                Map.of("minOrders", "4"),
                Map.of("idleMinutes", "120"),
                Map.of("minViews", "3"),
                Map.of("topPercent", "1"),
                Map.of("minRecency", "5", "minFrequency", "5", "minMonetary", "5"),
                Map.of("afterDays", "30"),
                Map.of("maxRecency", "1"),
                Map.of("graceDays", "30"),
                Map.of("sources", "facebook,instagram"),
                Map.of("withinDays", "30"),
                Map.of("accountTypes", "wholesale"));
        for (int i = 0; i < templates.size(); i++) {
            SegmentTemplates.Template t = templates.get(i);
            Map<String, String> v = variants.get(i % variants.size());
            Map<String, String> own = new java.util.LinkedHashMap<>();
            v.forEach((name, value) -> t.parameter(name).ifPresent(p -> own.put(name, value)));
            rules.add(t.rule(own));
            wakeUps.add(t.wakeUp(own));
        }
        String[] categories = {"Home", "Kitchen", "Garden", "Gifts", "Christmas", "Stationery"};
        for (int k = 0; rules.size() < 50; k++) {
            String rule =
                    switch (k % 5) {
                        case 0 -> "profile.orders >= " + (k / 5 + 1) + " && profile.totalSpend > " + (k * 25) + ".0";
                        case 1 ->
                            "'" + categories[k % categories.length] + "' in profile.categoryAffinity && profile"
                                    + ".categoryAffinity['" + categories[k % categories.length] + "'] >= 0."
                                    + (k % 9 + 1);
                        case 2 -> "profile.country == 'GB' && profile.sessions >= " + (k / 5 + 2);
                        case 3 ->
                            "profile.lifecycle == '" + (k % 2 == 0 ? "loyal" : "at_risk")
                                    + "' || profile.averageOrderValue > " + (50 + k) + ".0";
                        default -> "profile.productViews >= " + (k + 3) + " && profile.cart.items == 0";
                    };
            rules.add(rule);
            wakeUps.add(null);
        }
        List<SegmentRule> segments = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleEngine.Compilation c = engine.compile(rules.get(i), RuleEngine.Scope.PROFILE, "rule");
            if (!c.ok()) {
                throw new IllegalStateException(rules.get(i) + ": " + c.problems());
            }
            RuleEngine.Compiled wake = wakeUps.get(i) == null
                    ? null
                    : engine.compileWakeUp(wakeUps.get(i), "wakeUp").rule();
            segments.add(SegmentRule.of("s" + i, "Segment " + i, 1, c.rule(), wake, false));
        }
        return segments;
    }
}
