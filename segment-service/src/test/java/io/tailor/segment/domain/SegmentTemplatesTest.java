package io.tailor.segment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.testing.RetailFacts;
import io.tailor.segment.testing.ShopperHistories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every template against profiles built from the real retail history (expectations read straight from the invoice
 * lines, {@link RetailFacts}) and against hand-built sequences for the time-based ones.
 */
class SegmentTemplatesTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final RuleEngine ENGINE = new RuleEngine();

    static RetailFacts facts;
    static Map<String, ProfileSnapshot> profiles;
    static RfmModel rfm;

    @BeforeAll
    static void history() {
        facts = RetailFacts.read();
        profiles = ShopperHistories.fold(ShopperHistories.retailEvents(NOW), NOW, "unit");
        rfm = RfmModel.compute(
                profiles.values().stream().map(ProfileIndex::facts).toList(), NOW);
    }

    static RuleEngine.Compiled compile(String template, Map<String, String> parameters) {
        SegmentTemplates.Template t = SegmentTemplates.get(template).orElseThrow();
        assertThat(t.check(parameters)).isEmpty();
        RuleEngine.Compilation c = ENGINE.compile(
                t.rule(parameters),
                "request".equals(t.scope()) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE,
                "rule");
        assertThat(c.problems()).as(template).isEmpty();
        return c.rule();
    }

    static boolean matches(RuleEngine.Compiled rule, ProfileSnapshot p, RfmModel scores, Instant now) {
        RuleEngine.Outcome o =
                ENGINE.evaluate(rule, RuleInputs.profile(p, scores.scores(ProfileIndex.facts(p))), null, now);
        assertThat(o.error()).isNull();
        return o.matches();
    }

    /** The shoppers of the history the template selects, with its parameters. */
    static Set<String> members(String template, Map<String, String> parameters) {
        RuleEngine.Compiled rule = compile(template, parameters);
        return profiles.entrySet().stream()
                .filter(e -> matches(rule, e.getValue(), rfm, NOW))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> shoppers(java.util.function.Predicate<RetailFacts.Shopper> which) {
        return facts.shoppers.values().stream()
                .filter(which)
                .map(s -> s.key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theHistoryHasAProfilePerShopperOfTheDataset() {
        assertThat(profiles.keySet()).containsExactlyInAnyOrderElementsOf(facts.shoppers.keySet());
        facts.shoppers.values().forEach(s -> {
            ProfileSnapshot p = profiles.get(s.key);
            assertThat(p.orders()).as(s.key).isEqualTo(s.invoices.size());
            assertThat(p.totalSpend()).as(s.key).isEqualByComparingTo(s.spend);
            assertThat(p.lastOrderAt()).as(s.key).isEqualTo(facts.shifted(s.lastInvoiceAt, NOW));
        });
    }

    @Test
    void everyTemplateCompilesWithItsDefaultsAndDocumentsItsParameters() {
        for (SegmentTemplates.Template t : SegmentTemplates.all()) {
            compile(t.key(), Map.of());
            assertThat(t.description(Map.of())).doesNotContain("{");
            t.parameters().forEach(p -> {
                assertThat(p.description()).isNotBlank();
                assertThat(p.check(p.defaultValue()))
                        .as(t.key() + "." + p.name())
                        .isEmpty();
            });
            if (t.wakeUp() != null) {
                assertThat(ENGINE.compileWakeUp(t.wakeUp(Map.of()), "wakeUp").problems())
                        .as(t.key())
                        .isEmpty();
            }
        }
        assertThat(SegmentTemplates.all()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void parametersAreTypedSoAValueCannotChangeTheRule() {
        SegmentTemplates.Template repeat =
                SegmentTemplates.get("repeat-customer").orElseThrow();
        assertThat(repeat.check(Map.of("minOrders", "2 || true")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("parameters.minOrders"));
        assertThat(repeat.check(Map.of("minOrders", "0"))).singleElement().satisfies(v -> assertThat(v.message())
                .contains("at least 1"));
        assertThat(repeat.check(Map.of("orders", "2"))).singleElement().satisfies(v -> assertThat(v.message())
                .contains("minOrders"));
        SegmentTemplates.Template fan = SegmentTemplates.get("new-arrivals-fan").orElseThrow();
        assertThat(fan.check(Map.of("category", "Home' || true || '"))).isNotEmpty();
        assertThat(fan.rule(Map.of("category", "Kitchen & Dining"))).contains("'Kitchen & Dining' in profile");
        SegmentTemplates.Template email =
                SegmentTemplates.get("email-campaign-visitor").orElseThrow();
        assertThat(email.rule(Map.of("mediums", "email, newsletter", "withinDays", "1.5")))
                .contains("['email', 'newsletter']")
                .contains("duration('36h')");
        assertThat(email.check(Map.of("withinDays", "-1"))).isNotEmpty();
    }

    @Test
    void repeatAndReturningShoppersAreThoseWithSeveralInvoices() {
        Set<String> twice = shoppers(s -> s.invoices.size() >= 2);
        assertThat(twice).hasSizeGreaterThan(20);
        assertThat(members("repeat-customer", Map.of())).isEqualTo(twice);
        assertThat(members("returning-visitor", Map.of("minSessions", "3")))
                .isEqualTo(shoppers(s -> s.invoices.size() >= 3))
                .isNotEmpty();
        assertThat(members("first-time-visitor", Map.of())).isEmpty();
        assertThat(members("cart-abandoner", Map.of()))
                .as("every cart of the history was ordered")
                .isEmpty();
        assertThat(members("browse-abandoner", Map.of())).isEmpty();
    }

    @Test
    void highValueBuyersAreTheTopShareBySpend() {
        List<BigDecimal> spends =
                facts.shoppers.values().stream().map(s -> s.spend).toList();
        for (String top : List.of("10", "25")) {
            double share = Double.parseDouble(top);
            Set<String> expected = shoppers(s -> {
                long less =
                        spends.stream().filter(x -> x.compareTo(s.spend) < 0).count();
                return less * 100.0 / spends.size() >= 100 - share;
            });
            assertThat(members("high-value-buyer", Map.of("topPercent", top)))
                    .as("top %s%%", top)
                    .isEqualTo(expected);
            assertThat(expected.size())
                    .isCloseTo((int) Math.round(spends.size() * share / 100), org.assertj.core.data.Offset.offset(2));
        }
    }

    /** Quintile scores computed here, independently: 1 + how many of the 4 cut values are below the value. */
    static int quintile(List<Double> all, double value) {
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int score = 1;
        for (int k = 1; k <= 4; k++) {
            if (sorted[(int) Math.ceil(k * sorted.length / 5.0) - 1] < value) {
                score++;
            }
        }
        return score;
    }

    @Test
    void rfmTemplatesUseQuintilesOfRecencyFrequencyAndSpend() {
        List<Double> recency = facts.shoppers.values().stream()
                .map(s -> (double) s.lastInvoiceAt.toEpochMilli())
                .toList();
        List<Double> frequency = facts.shoppers.values().stream()
                .map(s -> (double) s.invoices.size())
                .toList();
        List<Double> monetary =
                facts.shoppers.values().stream().map(s -> s.spend.doubleValue()).toList();
        Set<String> champions = shoppers(s -> quintile(recency, s.lastInvoiceAt.toEpochMilli()) >= 4
                && quintile(frequency, s.invoices.size()) >= 4
                && quintile(monetary, s.spend.doubleValue()) >= 4);
        assertThat(champions).isNotEmpty();
        assertThat(members("rfm-champion", Map.of())).isEqualTo(champions);
        Set<String> atRisk = shoppers(s -> quintile(recency, s.lastInvoiceAt.toEpochMilli()) <= 2
                && (quintile(frequency, s.invoices.size()) >= 4 || quintile(monetary, s.spend.doubleValue()) >= 4));
        assertThat(atRisk).isNotEmpty();
        assertThat(members("rfm-at-risk", Map.of())).isEqualTo(atRisk);
    }

    @Test
    void lapsingCustomersHaveNotOrderedForAWhile() {
        // the history spans five days, its last order one day before now: lapsing after 2 days, lost after 4
        Set<String> expected = shoppers(s -> {
            Duration since = Duration.between(facts.shifted(s.lastInvoiceAt, NOW), NOW);
            return since.compareTo(Duration.ofDays(2)) >= 0 && since.compareTo(Duration.ofDays(4)) < 0;
        });
        assertThat(expected).isNotEmpty();
        assertThat(members("lapsing-customer", Map.of("afterDays", "2", "lostAfterDays", "4")))
                .isEqualTo(expected);
        assertThat(members("lapsing-customer", Map.of()))
                .as("nobody is 90 days away")
                .isEmpty();
    }

    @Test
    void replenishmentIsDueWhenAProductsUsualIntervalHasPassed() {
        Set<String> expected = shoppers(s -> s.productTimes.entrySet().stream().anyMatch(e -> {
            int lines = s.productLines.get(e.getKey());
            if (lines < 2) {
                return false;
            }
            Instant first = facts.shifted(e.getValue()[0], NOW);
            Instant last = facts.shifted(e.getValue()[1], NOW);
            double days = Math.round(Duration.between(first, last).toMinutes() / 1440.0 / (lines - 1) * 10) / 10.0;
            Instant due = last.plus(Duration.ofMinutes(Math.round(days * 1440)));
            return !NOW.isBefore(due) && Duration.between(due, NOW).compareTo(Duration.ofDays(14)) < 0;
        }));
        assertThat(expected).isNotEmpty();
        assertThat(members("replenishment-due", Map.of())).isEqualTo(expected);
    }

    @Test
    void replenishmentReadsItsCompactListButMeansWhatItMeantOverPurchases() {
        // the template's rule and wake-up as first written, over every purchase in full
        String overPurchases = "profile.purchases.exists(p, p.orders >= {minOrders} && has(p.nextDueAt)"
                + " && now >= p.nextDueAt - {leadDays} && now - p.nextDueAt < {graceDays})";
        String wakeUpOverPurchases = "profile.purchases.filter(p, has(p.nextDueAt))"
                + ".map(p, [p.nextDueAt - {leadDays}, p.nextDueAt + {graceDays}])";
        SegmentTemplates.Template t = SegmentTemplates.get("replenishment-due").orElseThrow();
        SegmentTemplates.Template former = new SegmentTemplates.Template(
                t.key(), t.name(), t.description(), t.scope(), overPurchases, wakeUpOverPurchases, t.parameters());
        List<com.google.protobuf.Message> inputs = profiles.values().stream()
                .map(p -> RuleInputs.profile(p, RuleInputs.Scores.NONE))
                .toList();
        for (Map<String, String> parameters : List.of(
                Map.<String, String>of(),
                Map.of("minOrders", "3", "leadDays", "2", "graceDays", "30"),
                Map.of("minOrders", "2", "leadDays", "7", "graceDays", "0.5"))) {
            RuleEngine.Compiled rule = compile("replenishment-due", parameters);
            assertThat(rule.fields()).containsExactly("profile.replenishment");
            RuleEngine.Compiled before = ENGINE.compile(former.rule(parameters), RuleEngine.Scope.PROFILE, "rule")
                    .rule();
            RuleEngine.Compiled wake =
                    ENGINE.compileWakeUp(t.wakeUp(parameters), "wakeUp").rule();
            RuleEngine.Compiled wakeBefore =
                    ENGINE.compileWakeUp(former.wakeUp(parameters), "wakeUp").rule();
            Set<Integer> matchingCounts = new TreeSet<>();
            for (Instant now : List.of(NOW, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(20)))) {
                int matching = 0;
                for (com.google.protobuf.Message input : inputs) {
                    boolean matches = ENGINE.evaluate(rule, input, null, now).matches();
                    assertThat(matches)
                            .as("%s at %s with %s", RuleInputs.valueAt(input, "id"), now, parameters)
                            .isEqualTo(ENGINE.evaluate(before, input, null, now).matches());
                    matching += matches ? 1 : 0;
                    assertThat(ENGINE.wakeUps(wake, input, now).stream()
                                    .sorted()
                                    .toList())
                            .isEqualTo(ENGINE.wakeUps(wakeBefore, input, now).stream()
                                    .sorted()
                                    .toList());
                }
                matchingCounts.add(matching);
            }
            assertThat(matchingCounts)
                    .as("shoppers matching at each time with %s", parameters)
                    .anySatisfy(n -> assertThat(n).isBetween(1, inputs.size() - 1));
        }
    }

    @Test
    void acquisitionTemplatesFollowTheCampaignsThatBroughtTheShopper() {
        Set<String> social = shoppers(s -> RetailFacts.sourceBucket(s) <= 2);
        assertThat(social).isNotEmpty();
        assertThat(members("paid-social-shopper", Map.of())).isEqualTo(social);
        Set<String> email = shoppers(s -> RetailFacts.sourceBucket(s) == 3 || RetailFacts.sourceBucket(s) == 4);
        assertThat(email).isNotEmpty();
        assertThat(members("email-campaign-visitor", Map.of())).isEqualTo(email);
        assertThat(members("email-campaign-visitor", Map.of("withinDays", "0.0001")))
                .as("a day has passed since the last visit")
                .isEmpty();
    }

    @Test
    void wholesaleAccountsAreIdentifiedAsSuch() {
        Set<String> wholesale = shoppers(s -> s.customer && (double) s.units / s.lines >= 24);
        assertThat(wholesale).isNotEmpty();
        assertThat(members("wholesale-account", Map.of())).isEqualTo(wholesale);
    }

    @Test
    void dealSeekersAndCategoryFansFollowTheirInterest() {
        Set<String> deal = profiles.entrySet().stream()
                .filter(e -> e.getValue().productViews() >= 3
                        && e.getValue().priceBandAffinity().getOrDefault("under_10", 0.0) >= 0.8)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(deal).isNotEmpty().isNotEqualTo(profiles.keySet());
        assertThat(members("deal-seeker", Map.of())).isEqualTo(deal);
        Set<String> fans = profiles.entrySet().stream()
                .filter(e -> e.getValue().categoryAffinity().getOrDefault("Home", 0.0) >= 0.3
                        && e.getValue().sessions() >= 2)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fans).isNotEmpty();
        assertThat(members("new-arrivals-fan", Map.of())).isEqualTo(fans);
        assertThat(members("new-arrivals-fan", Map.of("withinDays", "0.5"))).isEmpty();
    }

    @Test
    void paidSocialLandingIsDecidedFromThePage() {
        RuleEngine.Compiled rule = compile("paid-social-landing", Map.of());
        var anyone = RuleInputs.profile(profiles.values().iterator().next(), RuleInputs.Scores.NONE);
        assertThat(ENGINE.evaluate(
                                rule,
                                anyone,
                                RuleInputs.request(page(new Utm("tiktok", "paid_social", "x", null, null))),
                                NOW)
                        .matches())
                .isTrue();
        assertThat(ENGINE.evaluate(
                                rule,
                                anyone,
                                RuleInputs.request(page(new Utm("facebook", "cpc", "x", null, null))),
                                NOW)
                        .matches())
                .isTrue();
        assertThat(ENGINE.evaluate(
                                rule, anyone, RuleInputs.request(page(new Utm("google", "cpc", "x", null, null))), NOW)
                        .matches())
                .isFalse();
        assertThat(ENGINE.evaluate(rule, anyone, RuleInputs.request(page(null)), NOW)
                        .matches())
                .isFalse();
    }

    static RequestContext page(Utm utm) {
        return new RequestContext("home", null, null, null, null, null, utm, null, "mobile", "GB", "en-GB");
    }

    // ---- hand-built sequences for the time-based templates ----

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static ProfileSnapshot fold(ShopperHistories.Sequence s, Instant now) {
        return ShopperHistories.fold(s.events(), now, "hand")
                .values()
                .iterator()
                .next();
    }

    static boolean at(String template, Map<String, String> parameters, ShopperHistories.Sequence s, Instant now) {
        return matches(compile(template, parameters), fold(s, now), RfmModel.EMPTY, now);
    }

    static Instant wakeUp(String template, ShopperHistories.Sequence s, Instant now) {
        SegmentTemplates.Template t = SegmentTemplates.get(template).orElseThrow();
        RuleEngine.Compiled rule = compile(template, Map.of());
        RuleEngine.Compiled wake =
                ENGINE.compileWakeUp(t.wakeUp(Map.of()), "wakeUp").rule();
        SegmentRule segment = SegmentRule.of(template, template, 1, rule, wake, false);
        return new SegmentEvaluator(ENGINE)
                .nextWakeUp(segment, RuleInputs.profile(fold(s, now), RuleInputs.Scores.NONE), now);
    }

    @Test
    void aCartIdleForLongEnoughIsAbandonedUntilOrdered() {
        ShopperHistories.Sequence s = new ShopperHistories.Sequence("a-cart")
                .visit(null)
                .productView("p1", "Home", "4.95", T0)
                .addToCart("p1", "Home", "4.95", 2, T0.plusSeconds(60));
        assertThat(at("cart-abandoner", Map.of(), s, T0.plus(Duration.ofMinutes(20))))
                .isFalse();
        assertThat(wakeUp("cart-abandoner", s, T0.plus(Duration.ofMinutes(20))))
                .isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(30)));
        assertThat(at("cart-abandoner", Map.of(), s, T0.plus(Duration.ofMinutes(40))))
                .isTrue();
        assertThat(at("cart-abandoner", Map.of(), s, T0.plus(Duration.ofDays(31))))
                .as("too old")
                .isFalse();
        s.order(
                "o-1",
                List.of(new OrderLine("p1", 2, new BigDecimal("4.95"), List.of("Home"), null)),
                T0.plus(Duration.ofMinutes(50)));
        assertThat(at("cart-abandoner", Map.of(), s, T0.plus(Duration.ofMinutes(60))))
                .isFalse();
        assertThat(at("first-time-visitor", Map.of(), s, T0.plus(Duration.ofMinutes(60))))
                .isFalse();
    }

    @Test
    void aBrowseWithoutACartIsAbandonedOnceTheShopperLeft() {
        ShopperHistories.Sequence s = new ShopperHistories.Sequence("a-browse")
                .visit(null)
                .pageView(T0)
                .productView("p1", "Garden", "12.50", T0.plusSeconds(30))
                .productView("p2", "Garden", "8.00", T0.plusSeconds(90));
        assertThat(at("first-time-visitor", Map.of(), s, T0.plus(Duration.ofMinutes(5))))
                .isTrue();
        assertThat(at("browse-abandoner", Map.of(), s, T0.plus(Duration.ofMinutes(10))))
                .isFalse();
        assertThat(wakeUp("browse-abandoner", s, T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(T0.plusSeconds(90).plus(Duration.ofMinutes(30)));
        assertThat(at("browse-abandoner", Map.of(), s, T0.plus(Duration.ofMinutes(32))))
                .isTrue();
        assertThat(at("browse-abandoner", Map.of("minViews", "3"), s, T0.plus(Duration.ofMinutes(32))))
                .isFalse();
        assertThat(at("browse-abandoner", Map.of(), s, T0.plus(Duration.ofDays(8))))
                .isFalse();
        s.visit(null).addToCart("p2", "Garden", "8.00", 1, T0.plus(Duration.ofHours(2)));
        assertThat(at("browse-abandoner", Map.of(), s, T0.plus(Duration.ofHours(3))))
                .isFalse();
        assertThat(at("first-time-visitor", Map.of(), s, T0.plus(Duration.ofHours(3))))
                .isFalse();
        assertThat(at("returning-visitor", Map.of(), s, T0.plus(Duration.ofHours(3))))
                .isTrue();
    }

    @Test
    void customersLapseAfterTheirLastOrderAndReplenishmentFallsDue() {
        OrderLine soap = new OrderLine("soap", 1, new BigDecimal("3.50"), List.of("Bath & Beauty"), null);
        ShopperHistories.Sequence s = new ShopperHistories.Sequence("a-buyer")
                .visit(new Utm("newsletter", "email", "spring", null, null))
                .order("o-1", List.of(soap), T0)
                .visit(null)
                .order("o-2", List.of(soap), T0.plus(Duration.ofDays(10)));
        Instant last = T0.plus(Duration.ofDays(10));
        assertThat(at("replenishment-due", Map.of(), s, last.plus(Duration.ofDays(9))))
                .isFalse();
        assertThat(wakeUp("replenishment-due", s, last.plus(Duration.ofDays(9))))
                .isEqualTo(last.plus(Duration.ofDays(10)));
        assertThat(at("replenishment-due", Map.of(), s, last.plus(Duration.ofDays(11))))
                .isTrue();
        assertThat(at(
                        "replenishment-due",
                        Map.of("leadDays", "2"),
                        s,
                        last.plus(Duration.ofDays(8).plusHours(1))))
                .isTrue();
        assertThat(at("replenishment-due", Map.of(), s, last.plus(Duration.ofDays(25))))
                .isFalse();
        assertThat(at("lapsing-customer", Map.of(), s, last.plus(Duration.ofDays(89))))
                .isFalse();
        assertThat(wakeUp("lapsing-customer", s, last.plus(Duration.ofDays(89))))
                .isEqualTo(last.plus(Duration.ofDays(90)));
        assertThat(at("lapsing-customer", Map.of(), s, last.plus(Duration.ofDays(91))))
                .isTrue();
        assertThat(at("lapsing-customer", Map.of("minOrders", "3"), s, last.plus(Duration.ofDays(91))))
                .isFalse();
        assertThat(at("lapsing-customer", Map.of(), s, last.plus(Duration.ofDays(181))))
                .isFalse();
        assertThat(at("email-campaign-visitor", Map.of(), s, T0.plus(Duration.ofDays(6))))
                .isTrue();
        assertThat(at("email-campaign-visitor", Map.of(), s, T0.plus(Duration.ofDays(8))))
                .isFalse();
    }

    @Test
    void rfmScoresOfAHandfulOfBuyersFollowTheMethod() {
        List<RfmModel.Facts> buyers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            buyers.add(new RfmModel.Facts(
                    i <= 5 ? 1 : i - 4,
                    i * 10.0,
                    NOW.minus(Duration.ofDays(11 - i)).toEpochMilli()));
        }
        buyers.add(new RfmModel.Facts(0, 0, 0));
        RfmModel m = RfmModel.compute(buyers, NOW);
        assertThat(m.buyers()).isEqualTo(10);
        RuleInputs.Scores top = m.scores(buyers.get(9));
        assertThat(top).isEqualTo(new RuleInputs.Scores(5, 5, 5, 90.0));
        RuleInputs.Scores bottom = m.scores(buyers.get(0));
        assertThat(bottom.recency()).isEqualTo(1);
        assertThat(bottom.monetary()).isEqualTo(1);
        assertThat(bottom.spendPercentile()).isZero();
        assertThat(m.scores(buyers.get(4)).frequency())
                .as("five buyers with one order share the lowest score")
                .isEqualTo(1);
        assertThat(m.scores(buyers.get(10))).isEqualTo(RuleInputs.Scores.NONE);
        assertThat(RfmModel.compute(List.of(), NOW).scores(buyers.get(3))).isEqualTo(RuleInputs.Scores.NONE);
        assertThat(Arrays.stream(m.frequencyCuts()).boxed().toList()).containsExactly(1L, 1L, 2L, 4L);
        assertThat(m.sameAs(RfmModel.compute(buyers, NOW.plusSeconds(60)))).isTrue();
    }

    @Test
    void largePopulationsKeepPercentilesFromEvenlySpacedRanks() {
        Collection<RfmModel.Facts> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(new RfmModel.Facts(1 + i % 7, i, NOW.minusSeconds(i).toEpochMilli()));
        }
        RfmModel m = RfmModel.compute(many, NOW);
        assertThat(m.spendPoints()).hasSize(RfmModel.EXACT_POINTS);
        assertThat(m.scores(new RfmModel.Facts(3, 45_000, NOW.toEpochMilli())).spendPercentile())
                .isCloseTo(90.0, org.assertj.core.data.Offset.offset(0.1));
    }
}
