package io.tailor.content.service;

import io.tailor.content.targeting.Schedule;
import io.tailor.content.targeting.Targeting;
import io.tailor.content.targeting.TargetingRule;
import io.tailor.contracts.event.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds active variants of a slot that would compete for the same shoppers at the same time with nothing to choose
 * between them: same priority, the same targeting apart from the schedule, and schedules open at a common moment
 * (no schedule = always open). Only the first of such a pair could ever be shown, so the definition is refused.
 * Recurring windows are compared minute by minute over a week from the later start (or from now).
 */
public final class ScheduleOverlaps {

    private static final Duration SCAN = Duration.ofDays(8);

    private ScheduleOverlaps() {}

    /** One violation per clashing pair, naming both variants. */
    public static List<Violation> find(List<SlotInput.VariantInput> variants, Instant now) {
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            SlotInput.VariantInput x = variants.get(i);
            if (Boolean.TRUE.equals(x.isDefault()) || Boolean.FALSE.equals(x.active())) {
                continue;
            }
            groups.computeIfAbsent(
                            List.of(x.priority() == null ? 0 : x.priority(), sameness(x.targeting())),
                            k -> new ArrayList<>())
                    .add(i);
        }
        List<Violation> clashes = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    SlotInput.VariantInput x = variants.get(group.get(a));
                    SlotInput.VariantInput y = variants.get(group.get(b));
                    if (overlap(schedule(x), schedule(y), now)) {
                        clashes.add(new Violation(
                                "variants[" + group.get(b) + "]",
                                "variants '" + x.key() + "' and '" + y.key()
                                        + "' have the same priority and targeting and overlapping schedules:"
                                        + " give one a different priority, targeting or schedule"));
                    }
                }
            }
        }
        return clashes;
    }

    private static Schedule schedule(SlotInput.VariantInput x) {
        return x.targeting() == null ? null : x.targeting().schedule();
    }

    /** Whether two schedules (null = always) are open at a common moment. */
    public static boolean overlap(Schedule a, Schedule b, Instant now) {
        if (a == null || b == null) {
            return true;
        }
        TargetingRule.Window wa = TargetingRule.of(withSchedule(a)).schedule();
        TargetingRule.Window wb = TargetingRule.of(withSchedule(b)).schedule();
        Instant lo = later(wa.start(), wb.start());
        Instant hi = earlier(wa.end(), wb.end());
        if (lo != null && hi != null && !lo.isBefore(hi)) {
            return false;
        }
        if (!wa.recurring() && !wb.recurring()) {
            return true;
        }
        Instant from = lo == null ? now : lo;
        Instant until = from.plus(SCAN);
        if (hi != null && hi.isBefore(until)) {
            until = hi;
        }
        if (wa.contains(from) && wb.contains(from)) {
            return true;
        }
        for (Instant t = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                t.isBefore(until);
                t = t.plus(1, ChronoUnit.MINUTES)) {
            if (wa.contains(t) && wb.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static Targeting withSchedule(Schedule s) {
        return new Targeting(null, null, null, null, null, null, null, null, null, s);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The targeting's conditions apart from the schedule, order and case ignored. */
    private static List<Object> sameness(Targeting t) {
        if (t == null) {
            t = Targeting.EVERYONE;
        }
        List<Object> key = new ArrayList<>();
        for (List<String> values : java.util.Arrays.asList(
                t.segments(),
                t.trafficSources(),
                t.utmSources(),
                t.utmMediums(),
                t.utmCampaigns(),
                t.devices(),
                t.countries(),
                t.pageTypes(),
                t.pagePaths())) {
            TreeSet<String> set = new TreeSet<>();
            if (values != null) {
                values.forEach(v -> set.add(v == null ? "" : v.trim().toLowerCase(Locale.ROOT)));
            }
            key.add(List.copyOf(set));
        }
        return key;
    }
}
