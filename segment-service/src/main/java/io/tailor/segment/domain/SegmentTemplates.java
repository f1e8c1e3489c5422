package io.tailor.segment.domain;

import io.tailor.contracts.event.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready-made segments: each a documented CEL rule with typed parameters (docs/segments.md). A template's rule is
 * filled with parameter values and then type-checked and saved like any hand-written rule, so a marketer can start
 * from a template and edit the rule later.
 */
public final class SegmentTemplates {

    /**
     * @param rule CEL with {@code {name}} placeholders
     * @param wakeUp CEL giving when a profile's membership may change with time alone, or null
     * @param parameters every parameter with its type and default
     */
    public record Template(
            String key,
            String name,
            String description,
            String scope,
            String rule,
            String wakeUp,
            List<TemplateParameter> parameters) {

        public Optional<TemplateParameter> parameter(String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        /** Every problem with the given parameter values (unknown names, values of the wrong type). */
        public List<Violation> check(Map<String, String> values) {
            List<Violation> problems = new ArrayList<>();
            if (values == null) {
                return problems;
            }
            values.forEach((name, value) -> {
                Optional<TemplateParameter> p = parameter(name);
                if (p.isEmpty()) {
                    problems.add(new Violation(
                            "parameters." + name,
                            "not a parameter of " + key + "; parameters: "
                                    + String.join(
                                            ", ",
                                            parameters.stream()
                                                    .map(TemplateParameter::name)
                                                    .toList())));
                } else {
                    p.get().check(value).ifPresent(m -> problems.add(new Violation("parameters." + name, m)));
                }
            });
            return problems;
        }

        /** The values in effect: those given, else the defaults. */
        public Map<String, String> effective(Map<String, String> values) {
            Map<String, String> effective = new LinkedHashMap<>();
            for (TemplateParameter p : parameters) {
                String given = values == null ? null : values.get(p.name());
                effective.put(p.name(), given == null ? p.defaultValue() : given);
            }
            return effective;
        }

        /** The rule with the (checked) parameters filled in. */
        public String rule(Map<String, String> values) {
            return fill(rule, values, true);
        }

        public String wakeUp(Map<String, String> values) {
            return wakeUp == null ? null : fill(wakeUp, values, true);
        }

        /** The description with the parameter values as given. */
        public String description(Map<String, String> values) {
            return fill(description, values, false);
        }

        private String fill(String text, Map<String, String> values, boolean cel) {
            String filled = text;
            for (Map.Entry<String, String> e : effective(values).entrySet()) {
                TemplateParameter p = parameter(e.getKey()).orElseThrow();
                filled = filled.replace("{" + e.getKey() + "}", cel ? p.render(e.getValue()) : e.getValue());
            }
            return filled;
        }
    }

    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    private static final String SOCIAL_MEDIUMS = "paid_social,paidsocial,paid-social,social_paid,social-paid";
    private static final String SOCIAL_SOURCES =
            "facebook,instagram,meta,tiktok,pinterest,snapchat,linkedin,twitter,x,reddit";

    static {
        add(new Template(
                "first-time-visitor",
                "First-time visitors",
                "On their first visit and never ordered.",
                "profile",
                "profile.sessions <= 1 && profile.orders == 0",
                null,
                List.of()));
        add(new Template(
                "returning-visitor",
                "Returning visitors",
                "Visited at least {minSessions} times (customers included).",
                "profile",
                "profile.sessions >= {minSessions}",
                null,
                List.of(TemplateParameter.integer("minSessions", 2, 2, 10_000, "visits (sessions) at least"))));
        add(new Template(
                "repeat-customer",
                "Repeat customers",
                "Ordered at least {minOrders} times.",
                "profile",
                "profile.orders >= {minOrders}",
                null,
                List.of(TemplateParameter.integer("minOrders", 2, 1, 10_000, "orders at least"))));
        add(new Template(
                "cart-abandoner",
                "Cart abandoners",
                "Something in the cart, no change for {idleMinutes} minutes (and not for more than {maxIdleDays}"
                        + " days), and no order since.",
                "profile",
                "profile.cart.items > 0 && now - profile.cart.updatedAt >= {idleMinutes}"
                        + " && now - profile.cart.updatedAt < {maxIdleDays}"
                        + " && (!has(profile.lastOrderAt) || profile.lastOrderAt < profile.cart.updatedAt)",
                "profile.cart.items > 0"
                        + " ? [profile.cart.updatedAt + {idleMinutes}, profile.cart.updatedAt + {maxIdleDays}] : []",
                List.of(
                        TemplateParameter.minutes(
                                "idleMinutes", "30", "100000", "minutes without a cart change before entering"),
                        TemplateParameter.days(
                                "maxIdleDays", "30", "3650", "days of idleness after which they leave"))));
        add(new Template(
                "browse-abandoner",
                "Browse abandoners",
                "Viewed at least {minViews} products, put nothing in the cart, ordered nothing since, and left:"
                        + " no activity for {idleMinutes} minutes; leave {withinDays} days after the last view.",
                "profile",
                "has(profile.lastViewedAt) && size(profile.recentlyViewed) >= {minViews}"
                        + " && profile.cart.items == 0"
                        + " && (!has(profile.lastOrderAt) || profile.lastOrderAt < profile.lastViewedAt)"
                        + " && now - profile.lastSeen >= {idleMinutes}"
                        + " && now - profile.lastViewedAt < {withinDays}",
                "has(profile.lastViewedAt)"
                        + " ? [profile.lastSeen + {idleMinutes}, profile.lastViewedAt + {withinDays}] : []",
                List.of(
                        TemplateParameter.integer("minViews", 1, 1, 20, "recently viewed products at least"),
                        TemplateParameter.minutes(
                                "idleMinutes", "30", "100000", "minutes without any activity before entering"),
                        TemplateParameter.days("withinDays", "7", "3650", "days after the last view they leave"))));
        add(new Template(
                "high-value-buyer",
                "High-value buyers",
                "The top {topPercent}% of buyers by total spend (spend percentile, recomputed as data changes).",
                "profile",
                "profile.orders > 0 && profile.spendPercentile >= 100.0 - {topPercent}",
                null,
                List.of(TemplateParameter.number(
                        "topPercent", "10", "0.1", "100", "share of buyers, by spend, in percent"))));
        add(new Template(
                "rfm-champion",
                "RFM champions",
                "Bought recently, often and much: RFM recency at least {minRecency}, frequency at least"
                        + " {minFrequency} and monetary at least {minMonetary} (quintile scores 1-5).",
                "profile",
                "profile.orders > 0 && profile.rfm.recency >= {minRecency}"
                        + " && profile.rfm.frequency >= {minFrequency} && profile.rfm.monetary >= {minMonetary}",
                null,
                List.of(
                        TemplateParameter.integer("minRecency", 4, 1, 5, "recency score at least (5 = most recent)"),
                        TemplateParameter.integer("minFrequency", 4, 1, 5, "frequency score at least"),
                        TemplateParameter.integer("minMonetary", 4, 1, 5, "monetary score at least"))));
        add(new Template(
                "lapsing-customer",
                "Lapsing customers",
                "Ordered at least {minOrders} times, but not in the last {afterDays} days (and not gone for more"
                        + " than {lostAfterDays} days).",
                "profile",
                "profile.orders >= {minOrders} && has(profile.lastOrderAt)"
                        + " && now - profile.lastOrderAt >= {afterDays} && now - profile.lastOrderAt < {lostAfterDays}",
                "has(profile.lastOrderAt)"
                        + " ? [profile.lastOrderAt + {afterDays}, profile.lastOrderAt + {lostAfterDays}] : []",
                List.of(
                        TemplateParameter.integer("minOrders", 1, 1, 10_000, "orders at least"),
                        TemplateParameter.days("afterDays", "90", "3650", "days since the last order to enter"),
                        TemplateParameter.days(
                                "lostAfterDays", "180", "3650", "days since the last order after which they leave"))));
        add(new Template(
                "rfm-at-risk",
                "Valuable customers at risk",
                "Used to buy often or much (frequency or monetary score at least {minValue}) but not lately"
                        + " (recency score at most {maxRecency}).",
                "profile",
                "profile.orders > 0 && profile.rfm.recency >= 1 && profile.rfm.recency <= {maxRecency}"
                        + " && (profile.rfm.frequency >= {minValue} || profile.rfm.monetary >= {minValue})",
                null,
                List.of(
                        TemplateParameter.integer("maxRecency", 2, 1, 5, "recency score at most (1 = longest ago)"),
                        TemplateParameter.integer("minValue", 4, 1, 5, "frequency or monetary score at least"))));
        add(new Template(
                "replenishment-due",
                "Replenishment due",
                "A product bought at least {minOrders} times is due again: its usual interval since the last"
                        + " purchase has passed ({leadDays} days early, for up to {graceDays} days).",
                "profile",
                // replenishment: the purchases that have a nextDueAt, as (productId, orders, dueAt), so a scan over
                // every profile decodes the few products that can fall due rather than every purchase in full
                "profile.replenishment.exists(r, r.orders >= {minOrders}"
                        + " && now >= r.dueAt - {leadDays} && now - r.dueAt < {graceDays})",
                "profile.replenishment.map(r, [r.dueAt - {leadDays}, r.dueAt + {graceDays}])",
                List.of(
                        TemplateParameter.integer("minOrders", 2, 2, 10_000, "orders of the product at least"),
                        TemplateParameter.days("leadDays", "0", "365", "days before the due date to enter"),
                        TemplateParameter.days("graceDays", "14", "3650", "days after the due date they leave"))));
        add(new Template(
                "paid-social-shopper",
                "Paid-social shoppers",
                "First or latest visit came from paid social (utm medium {mediums}, or a paid medium from"
                        + " {sources}).",
                "profile",
                "[profile.firstTouch, profile.latestTouch].exists(t, t.medium in {mediums}"
                        + " || (t.medium in ['cpc', 'ppc', 'paid'] && t.source in {sources}))",
                null,
                List.of(
                        TemplateParameter.list("mediums", SOCIAL_MEDIUMS, "utm_medium values of paid social"),
                        TemplateParameter.list("sources", SOCIAL_SOURCES, "utm_source values of social networks"))));
        add(new Template(
                "paid-social-landing",
                "Landing from paid social now",
                "This page view came from paid social (utm medium {mediums}, or a paid medium from {sources}).",
                "request",
                "request.utm.medium in {mediums}"
                        + " || (request.utm.medium in ['cpc', 'ppc', 'paid'] && request.utm.source in {sources})",
                null,
                List.of(
                        TemplateParameter.list("mediums", SOCIAL_MEDIUMS, "utm_medium values of paid social"),
                        TemplateParameter.list("sources", SOCIAL_SOURCES, "utm_source values of social networks"))));
        add(new Template(
                "email-campaign-visitor",
                "E-mail campaign visitors",
                "Came from an e-mail campaign (utm medium {mediums}) in the last {withinDays} days.",
                "profile",
                "profile.latestTouch.medium in {mediums} && has(profile.latestTouch.at)"
                        + " && now - profile.latestTouch.at < {withinDays}",
                "has(profile.latestTouch.at) ? [profile.latestTouch.at + {withinDays}] : []",
                List.of(
                        TemplateParameter.list("mediums", "email,e-mail,newsletter", "utm_medium values of e-mail"),
                        TemplateParameter.days("withinDays", "7", "3650", "days the visit counts"))));
        add(new Template(
                "wholesale-account",
                "Wholesale and B2B accounts",
                "Accounts whose accountType trait is one of {accountTypes} or whose priceTier is one of"
                        + " {priceTiers}.",
                "profile",
                "('accountType' in profile.traits && profile.traits['accountType'] in {accountTypes})"
                        + " || ('priceTier' in profile.traits && profile.traits['priceTier'] in {priceTiers})",
                null,
                List.of(
                        TemplateParameter.list("accountTypes", "wholesale,b2b,trade", "accountType trait values"),
                        TemplateParameter.list("priceTiers", "trade,wholesale", "priceTier trait values"))));
        add(new Template(
                "deal-seeker",
                "Deal seekers",
                "Viewed at least {minViews} products and at least {minShare} of their interest is in the"
                        + " {priceBand} price band, or their latest campaign mentions one of {dealWords}.",
                "profile",
                "profile.productViews >= {minViews} && (({priceBand} in profile.priceBandAffinity"
                        + " && profile.priceBandAffinity[{priceBand}] >= {minShare})"
                        + " || {dealWords}.exists(w, profile.latestTouch.campaign.contains(w)))",
                null,
                List.of(
                        TemplateParameter.integer("minViews", 3, 0, 100_000, "product views at least"),
                        TemplateParameter.text(
                                "priceBand", "under_10", "price band: under_10, 10_25, 25_50, 50_100, 100_plus"),
                        TemplateParameter.number("minShare", "0.8", "0", "1", "share of interest in that band"),
                        TemplateParameter.list(
                                "dealWords",
                                "sale,deal,discount,promo,coupon,clearance",
                                "words in a utm campaign that mean a deal"))));
        add(new Template(
                "new-arrivals-fan",
                "New-arrivals fans of a category",
                "Keen on {category} (at least {minShare} of their interest), visit often (at least {minSessions}"
                        + " visits) and were here in the last {withinDays} days: the shoppers to tell about new"
                        + " arrivals in {category}.",
                "profile",
                "{category} in profile.categoryAffinity && profile.categoryAffinity[{category}] >= {minShare}"
                        + " && profile.sessions >= {minSessions} && has(profile.lastSeen)"
                        + " && now - profile.lastSeen < {withinDays}",
                "has(profile.lastSeen) ? [profile.lastSeen + {withinDays}] : []",
                List.of(
                        TemplateParameter.text("category", "Home", "top-level category, as in the catalogue"),
                        TemplateParameter.number("minShare", "0.3", "0", "1", "share of interest in the category"),
                        TemplateParameter.integer("minSessions", 2, 1, 10_000, "visits at least"),
                        TemplateParameter.days("withinDays", "30", "3650", "days since the last visit at most"))));
    }

    private SegmentTemplates() {}

    private static void add(Template template) {
        TEMPLATES.put(template.key(), template);
    }

    public static Optional<Template> get(String key) {
        return Optional.ofNullable(TEMPLATES.get(key));
    }

    public static List<Template> all() {
        return List.copyOf(TEMPLATES.values());
    }

    /** The segments a new installation starts with. */
    public static List<String> starters() {
        return List.of("first-time-visitor", "repeat-customer", "cart-abandoner");
    }
}
