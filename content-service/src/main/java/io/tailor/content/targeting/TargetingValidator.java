package io.tailor.content.targeting;

import io.tailor.contracts.event.Violation;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a {@link Targeting} must meet; each violation names its field under a prefix. */
public final class TargetingValidator {

    public static final Pattern SEGMENT_KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    public static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet");
    public static final Set<String> PAGE_TYPES =
            Set.of("home", "category", "product", "search", "cart", "checkout", "landing", "account", "other");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final int MAX_VALUES = 100;

    private TargetingValidator() {}

    public static void validate(List<Violation> v, String prefix, Targeting t) {
        if (t == null) {
            return;
        }
        list(v, prefix + ".segments", t.segments(), s -> SEGMENT_KEY.matcher(s).matches(), "a segment key");
        list(
                v,
                prefix + ".trafficSources",
                t.trafficSources(),
                s -> TrafficSource.ALL.contains(s.toLowerCase(Locale.ROOT)),
                "one of " + String.join(", ", new java.util.TreeSet<>(TrafficSource.ALL)));
        list(v, prefix + ".utmSources", t.utmSources(), TargetingValidator::utm, "1 to 100 characters");
        list(v, prefix + ".utmMediums", t.utmMediums(), TargetingValidator::utm, "1 to 100 characters");
        list(v, prefix + ".utmCampaigns", t.utmCampaigns(), TargetingValidator::utm, "1 to 100 characters");
        list(
                v,
                prefix + ".devices",
                t.devices(),
                s -> DEVICES.contains(s.toLowerCase(Locale.ROOT)),
                "one of desktop, mobile, tablet");
        list(
                v,
                prefix + ".countries",
                t.countries(),
                s -> COUNTRIES.contains(s.toUpperCase(Locale.ROOT)) && s.length() == 2,
                "an ISO 3166-1 alpha-2 country code");
        list(
                v,
                prefix + ".pageTypes",
                t.pageTypes(),
                s -> PAGE_TYPES.contains(s.toLowerCase(Locale.ROOT)),
                "one of " + String.join(", ", new java.util.TreeSet<>(PAGE_TYPES)));
        list(
                v,
                prefix + ".pagePaths",
                t.pagePaths(),
                s -> s.startsWith("/") && s.length() <= 512 && (s.indexOf('*') < 0 || s.indexOf('*') == s.length() - 1),
                "a path starting with / (max 512), with * only at its end");
        schedule(v, prefix + ".schedule", t.schedule());
    }

    private static boolean utm(String s) {
        return !s.isBlank() && s.length() <= 100;
    }

    private static void list(
            List<Violation> v,
            String field,
            List<String> values,
            java.util.function.Predicate<String> ok,
            String what) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_VALUES) {
            v.add(new Violation(field, "at most " + MAX_VALUES + " values"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !ok.test(value)) {
                v.add(new Violation(field + "[" + i + "]", "must be " + what));
            }
        }
    }

    static void schedule(List<Violation> v, String field, Schedule s) {
        if (s == null) {
            return;
        }
        if (s.start() != null && s.end() != null && !s.end().isAfter(s.start())) {
            v.add(new Violation(field + ".end", "must be after start"));
        }
        boolean recurring = s.days() != null || s.from() != null || s.to() != null;
        if (s.timeZone() == null) {
            if (recurring) {
                v.add(new Violation(field + ".timeZone", "is required with days or a time window (e.g. Europe/Paris)"));
            }
        } else {
            try {
                ZoneId.of(s.timeZone());
            } catch (DateTimeException e) {
                v.add(new Violation(field + ".timeZone", "unknown time zone '" + s.timeZone() + "'"));
            }
        }
        if (s.days() != null) {
            if (s.days().isEmpty()) {
                v.add(new Violation(field + ".days", "must name at least one day, or be left out"));
            }
            for (int i = 0; i < s.days().size(); i++) {
                try {
                    TargetingRule.day(String.valueOf(s.days().get(i)));
                } catch (IllegalArgumentException e) {
                    v.add(new Violation(field + ".days[" + i + "]", "must be a day of the week (MONDAY or MON)"));
                }
            }
        }
        if ((s.from() == null) != (s.to() == null)) {
            v.add(new Violation(field + (s.from() == null ? ".from" : ".to"), "from and to go together"));
        } else if (s.from() != null) {
            LocalTime from = time(v, field + ".from", s.from());
            LocalTime to = time(v, field + ".to", s.to());
            if (from != null && from.equals(to)) {
                v.add(new Violation(field + ".to", "must differ from from (leave both out for all day)"));
            }
        }
    }

    private static LocalTime time(List<Violation> v, String field, String value) {
        if (!HH_MM.matcher(value).matches()) {
            v.add(new Violation(field, "must be a local time HH:mm (00:00 to 23:59)"));
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "must be a local time HH:mm"));
            return null;
        }
    }
}
