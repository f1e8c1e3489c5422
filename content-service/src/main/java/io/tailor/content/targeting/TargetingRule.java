package io.tailor.content.targeting;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Utm;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Targeting} compiled for decisions: matches a shopper's segments, the page and the moment, and names the
 * conditions that matched, e.g. {@code utm_campaign=spring-sale & segment=repeat-customer}. Assumes a validated
 * targeting ({@link TargetingValidator}).
 */
public final class TargetingRule {

    public static final TargetingRule EVERYONE = of(Targeting.EVERYONE);

    private final List<String> segments;
    private final Map<String, String> trafficSources;
    private final Map<String, String> utmSources;
    private final Map<String, String> utmMediums;
    private final Map<String, String> utmCampaigns;
    private final Map<String, String> devices;
    private final Map<String, String> countries;
    private final Map<String, String> pageTypes;
    private final List<String> pagePaths;
    private final Window schedule;
    private final int specificity;

    private TargetingRule(Targeting t) {
        segments = t.segments() == null ? List.of() : List.copyOf(t.segments());
        trafficSources = lowered(t.trafficSources());
        utmSources = lowered(t.utmSources());
        utmMediums = lowered(t.utmMediums());
        utmCampaigns = lowered(t.utmCampaigns());
        devices = lowered(t.devices());
        countries = lowered(t.countries());
        pageTypes = lowered(t.pageTypes());
        pagePaths = t.pagePaths() == null ? List.of() : List.copyOf(t.pagePaths());
        schedule = t.schedule() == null ? null : Window.of(t.schedule());
        int n = 0;
        for (Map<String, String> m :
                List.of(trafficSources, utmSources, utmMediums, utmCampaigns, devices, countries, pageTypes)) {
            n += m.isEmpty() ? 0 : 1;
        }
        n += segments.isEmpty() ? 0 : 1;
        n += pagePaths.isEmpty() ? 0 : 1;
        n += schedule == null ? 0 : 1;
        specificity = n;
    }

    public static TargetingRule of(Targeting targeting) {
        return new TargetingRule(targeting == null ? Targeting.EVERYONE : targeting);
    }

    /** How many conditions this targeting sets: among variants of the same priority, the most specific goes first. */
    public int specificity() {
        return specificity;
    }

    /** The schedule, or null when the variant is not scheduled. */
    public Window schedule() {
        return schedule;
    }

    /**
     * Whether a shopper in {@code memberships} on this page at {@code now} matches: empty when not, else the rule that
     * matched ({@code everyone} for an empty targeting).
     */
    public Optional<String> match(Map<String, ?> memberships, RequestContext context, Instant now) {
        List<String> rule = new ArrayList<>();
        Utm utm = context.utmOrNone();
        if (!has(rule, "utm_source", utmSources, utm.source())
                || !has(rule, "utm_medium", utmMediums, utm.medium())
                || !has(rule, "utm_campaign", utmCampaigns, utm.campaign())) {
            return Optional.empty();
        }
        if (!trafficSources.isEmpty() && !has(rule, "traffic_source", trafficSources, TrafficSource.of(context))) {
            return Optional.empty();
        }
        if (!segments.isEmpty()) {
            String hit = null;
            for (String s : segments) {
                if (memberships.containsKey(s)) {
                    hit = s;
                    break;
                }
            }
            if (hit == null) {
                return Optional.empty();
            }
            rule.add("segment=" + hit);
        }
        if (!has(rule, "device", devices, context.device())
                || !has(rule, "country", countries, context.country())
                || !has(rule, "page_type", pageTypes, context.pageType())) {
            return Optional.empty();
        }
        if (!pagePaths.isEmpty()) {
            String path = path(context.url());
            String hit = path == null
                    ? null
                    : pagePaths.stream()
                            .filter(p -> pathMatches(p, path))
                            .findFirst()
                            .orElse(null);
            if (hit == null) {
                return Optional.empty();
            }
            rule.add("page_path=" + hit);
        }
        if (schedule != null) {
            if (!schedule.contains(now)) {
                return Optional.empty();
            }
            rule.add("schedule");
        }
        return Optional.of(rule.isEmpty() ? "everyone" : String.join(" & ", rule));
    }

    private static boolean has(List<String> rule, String name, Map<String, String> wanted, String actual) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        String configured = wanted.get(actual.trim().toLowerCase(Locale.ROOT));
        if (configured == null) {
            return false;
        }
        rule.add(name + "=" + configured);
        return true;
    }

    static boolean pathMatches(String pattern, String path) {
        return pattern.endsWith("*")
                ? path.startsWith(pattern.substring(0, pattern.length() - 1))
                : path.equals(pattern) || path.equals(pattern + "/");
    }

    /** The path of a page URL (absolute, or a path with query), or null when there is none. */
    static String path(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.trim();
        if (u.startsWith("/")) {
            int cut = u.length();
            for (char c : new char[] {'?', '#'}) {
                int i = u.indexOf(c);
                if (i >= 0 && i < cut) {
                    cut = i;
                }
            }
            return u.substring(0, cut);
        }
        try {
            String p = URI.create(u).getPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> lowered(List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        if (values != null) {
            for (String v : values) {
                if (v != null) {
                    m.putIfAbsent(v.trim().toLowerCase(Locale.ROOT), v);
                }
            }
        }
        return Map.copyOf(m);
    }

    /** A compiled {@link Schedule}. */
    public record Window(Instant start, Instant end, ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

        static Window of(Schedule s) {
            ZoneId zone = s.timeZone() == null ? java.time.ZoneOffset.UTC : ZoneId.of(s.timeZone());
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (s.days() != null) {
                s.days().forEach(d -> days.add(day(d)));
            }
            return new Window(
                    s.start(),
                    s.end(),
                    zone,
                    days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days,
                    s.from() == null ? null : LocalTime.parse(s.from()),
                    s.to() == null ? null : LocalTime.parse(s.to()));
        }

        /** Whether the window is open at {@code now}. */
        public boolean contains(Instant now) {
            if ((start != null && now.isBefore(start)) || (end != null && !now.isBefore(end))) {
                return false;
            }
            ZonedDateTime local = now.atZone(zone);
            DayOfWeek day = local.getDayOfWeek();
            if (from != null) {
                LocalTime t = local.toLocalTime();
                if (from.isBefore(to)) {
                    if (t.isBefore(from) || !t.isBefore(to)) {
                        return false;
                    }
                } else if (t.isBefore(to)) {
                    day = day.minus(1); // the part after midnight of a window that started the day before
                } else if (t.isBefore(from)) {
                    return false;
                }
            }
            return days.contains(day);
        }

        /** Whether the window repeats on days or hours rather than being open throughout its start..end. */
        public boolean recurring() {
            return from != null || days.size() < 7;
        }
    }

    /** Parses MONDAY or MON, any case; throws IllegalArgumentException otherwise. */
    public static DayOfWeek day(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().substring(0, 3).equals(v)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + value);
    }
}
