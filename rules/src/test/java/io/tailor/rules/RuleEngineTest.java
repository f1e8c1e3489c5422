package io.tailor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.Lifecycle;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.Touch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final RuleEngine engine = new RuleEngine();

    static ProfileSnapshot profile(int orders, double spend, CartState cart) {
        return new ProfileSnapshot(
                "p1",
                3,
                "c1",
                List.of("a1"),
                Map.of("accountType", "wholesale"),
                ConsentState.UNKNOWN,
                NOW.minus(Duration.ofDays(40)),
                NOW.minus(Duration.ofHours(2)),
                3,
                10,
                6,
                orders,
                BigDecimal.valueOf(spend),
                BigDecimal.valueOf(orders == 0 ? 0 : spend / orders),
                orders == 0 ? null : NOW.minus(Duration.ofDays(20)),
                List.of(),
                cart,
                Map.of("Kitchen", 0.7, "Garden", 0.3),
                Map.of(),
                Map.of(),
                List.of(new PurchaseStats(
                        "soap", 3, 6, NOW.minus(Duration.ofDays(80)), NOW.minus(Duration.ofDays(29)), 25.5)),
                new Touch("facebook", "paid_social", "spring", NOW.minus(Duration.ofDays(40))),
                null,
                "mobile",
                "GB",
                Lifecycle.REPEAT);
    }

    private boolean matches(String rule, ProfileSnapshot p) {
        RuleEngine.Compilation c = engine.compile(rule, RuleEngine.Scope.PROFILE, "rule");
        assertThat(c.problems()).isEmpty();
        return engine.evaluate(c.rule(), RuleInputs.profile(p, RuleInputs.Scores.NONE), null, NOW)
                .matches();
    }

    @Test
    void profileRulesSeeCountsMapsTimestampsAndLists() {
        CartState idleCart = new CartState(
                List.of(new OrderLine("p-1", 1, BigDecimal.TEN, null, null)),
                BigDecimal.TEN,
                NOW.minus(Duration.ofMinutes(45)));
        ProfileSnapshot p = profile(2, 120, idleCart);
        assertThat(matches("profile.orders >= 2 && profile.totalSpend > 100.0", p))
                .isTrue();
        assertThat(matches("profile.traits['accountType'] == 'wholesale'", p)).isTrue();
        assertThat(matches("'Kitchen' in profile.categoryAffinity && profile.categoryAffinity['Kitchen'] > 0.5", p))
                .isTrue();
        assertThat(matches("profile.cart.items > 0 && now - profile.cart.updatedAt > duration('30m')", p))
                .isTrue();
        assertThat(matches("profile.cart.items > 0 && now - profile.cart.updatedAt > duration('60m')", p))
                .isFalse();
        assertThat(matches("profile.purchases.exists(x, x.productId == 'soap' && now > x.nextDueAt)", p))
                .isTrue();
        assertThat(matches("profile.firstTouch.medium in ['paid_social', 'social']", p))
                .isTrue();
        assertThat(matches("has(profile.lastOrderAt) && now - profile.lastOrderAt < duration('720h')", p))
                .isTrue();
        assertThat(matches("has(profile.lastOrderAt)", profile(0, 0, CartState.EMPTY)))
                .isFalse();
        assertThat(matches("profile.lifecycle == 'repeat' && profile.device == 'mobile'", p))
                .isTrue();
    }

    @Test
    void requestRulesSeeTheRequest() {
        RuleEngine.Compilation c = engine.compile(
                "request.utm.medium == 'paid_social' && request.device == 'mobile'", RuleEngine.Scope.REQUEST, "rule");
        assertThat(c.problems()).isEmpty();
        RequestContext request = new RequestContext(
                "home",
                null,
                null,
                null,
                null,
                null,
                new Utm("facebook", "paid_social", "spring", null, null),
                null,
                "mobile",
                "GB",
                "en-GB");
        assertThat(engine.evaluate(
                                c.rule(),
                                RuleInputs.profile(profile(0, 0, CartState.EMPTY), RuleInputs.Scores.NONE),
                                RuleInputs.request(request),
                                NOW)
                        .matches())
                .isTrue();
        assertThat(engine.compile("request.device == 'mobile'", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("request"));
    }

    @Test
    void unknownFieldsWrongTypesAndSyntaxErrorsAreExplainedWithAPosition() {
        assertThat(engine.compile("profile.ordrs > 1", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("rule");
                    assertThat(v.message()).contains("ordrs").contains("line 1, column");
                });
        assertThat(engine.compile("profile.orders > 'many'", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .isNotEmpty();
        assertThat(engine.compile("profile.orders", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .isNotEmpty();
        assertThat(engine.compile("profile.orders >", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .isNotEmpty();
    }

    @Test
    void rulesThatAreTooLongOrTooDeepAreRefused() {
        assertThat(engine.compile("true && ".repeat(600) + "true", RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .isNotEmpty();
        assertThat(engine.compile("(".repeat(60) + "true" + ")".repeat(60), RuleEngine.Scope.PROFILE, "rule")
                        .problems())
                .isNotEmpty();
    }

    @Test
    void theSchemaCarriesCartDetailLastViewTouchTimesAndTheRequestCart() {
        CartState cart = new CartState(
                List.of(
                        new OrderLine("p-1", 2, BigDecimal.TEN, List.of("Kitchen", "Mugs"), null),
                        new OrderLine("p-2", 3, BigDecimal.ONE, List.of("Garden"), null)),
                BigDecimal.valueOf(23),
                NOW.minus(Duration.ofMinutes(5)));
        ProfileSnapshot base = profile(1, 30, cart);
        ProfileSnapshot p = new ProfileSnapshot(
                base.profileId(),
                base.version(),
                base.customerId(),
                base.anonymousIds(),
                base.traits(),
                base.consent(),
                base.firstSeen(),
                base.lastSeen(),
                base.sessions(),
                base.pageViews(),
                base.productViews(),
                base.orders(),
                base.totalSpend(),
                base.averageOrderValue(),
                base.lastOrderAt(),
                List.of(
                        new io.tailor.contracts.profile.RecentView("p-9", NOW.minus(Duration.ofHours(3))),
                        new io.tailor.contracts.profile.RecentView("p-8", NOW.minus(Duration.ofHours(1)))),
                base.cart(),
                base.categoryAffinity(),
                base.brandAffinity(),
                base.priceBandAffinity(),
                base.purchases(),
                base.firstTouch(),
                base.latestTouch(),
                base.device(),
                base.country(),
                base.lifecycle());
        assertThat(matches("profile.cart.units == 5 && 'Garden' in profile.cart.categories", p))
                .isTrue();
        assertThat(matches("now - profile.lastViewedAt == duration('1h')", p)).isTrue();
        assertThat(matches("now - profile.firstTouch.at == duration('960h')", p))
                .isTrue();
        assertThat(matches("profile.purchases.exists(x, now - x.firstPurchasedAt == duration('1920h'))", p))
                .isTrue();
        RuleEngine.Compilation c = engine.compile("'p-1' in request.cartProductIds", RuleEngine.Scope.REQUEST, "rule");
        RequestContext request =
                new RequestContext("cart", null, null, null, null, List.of("p-1"), null, null, null, null, null);
        assertThat(engine.evaluate(
                                c.rule(),
                                RuleInputs.profile(p, RuleInputs.Scores.NONE),
                                RuleInputs.request(request),
                                NOW)
                        .matches())
                .isTrue();
    }

    static ProfileSnapshot withPurchases(ProfileSnapshot base, List<PurchaseStats> purchases) {
        return new ProfileSnapshot(
                base.profileId(),
                base.version(),
                base.customerId(),
                base.anonymousIds(),
                base.traits(),
                base.consent(),
                base.firstSeen(),
                base.lastSeen(),
                base.sessions(),
                base.pageViews(),
                base.productViews(),
                base.orders(),
                base.totalSpend(),
                base.averageOrderValue(),
                base.lastOrderAt(),
                base.recentlyViewed(),
                base.cart(),
                base.categoryAffinity(),
                base.brandAffinity(),
                base.priceBandAffinity(),
                purchases,
                base.firstTouch(),
                base.latestTouch(),
                base.device(),
                base.country(),
                base.lifecycle());
    }

    @Test
    void replenishmentListsTheProductsThatFallDueEarliestFirst() {
        ProfileSnapshot p = withPurchases(
                profile(5, 90, CartState.EMPTY),
                List.of(
                        new PurchaseStats(
                                "soap", 3, 6, NOW.minus(Duration.ofDays(80)), NOW.minus(Duration.ofDays(29)), 25.5),
                        new PurchaseStats(
                                "once", 1, 1, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)), null),
                        new PurchaseStats(
                                "tea", 2, 2, NOW.minus(Duration.ofDays(12)), NOW.minus(Duration.ofDays(2)), 10.0)));
        var input = RuleInputs.profile(p, RuleInputs.Scores.NONE);
        assertThat(RuleInputs.valueAt(input, "replenishment"))
                .isEqualTo(List.of(
                        Map.of("productId", "soap", "orders", 3L, "dueAt", "2026-11-22T00:00:00Z"),
                        Map.of("productId", "tea", "orders", 2L, "dueAt", "2026-12-03T12:00:00Z")));
        List<String> dueDates = ((List<?>) RuleInputs.valueAt(input, "purchases"))
                .stream()
                        .map(x -> (String) ((Map<?, ?>) x).get("nextDueAt"))
                        .filter(java.util.Objects::nonNull)
                        .sorted()
                        .toList();
        assertThat(((List<?>) RuleInputs.valueAt(input, "replenishment"))
                        .stream()
                                .map(x -> (String) ((Map<?, ?>) x).get("dueAt"))
                                .toList())
                .as("every purchase that has a due date, earliest first")
                .isEqualTo(dueDates)
                .hasSize(2);
        // the same condition over purchases and over replenishment, in windows that catch none, one or both
        for (String lead : List.of("duration('0h')", "duration('240h')", "duration('48h')")) {
            for (String grace : List.of("duration('1h')", "duration('336h')", "duration('1000h')")) {
                for (int minOrders : List.of(2, 3, 4)) {
                    String condition =
                            "x.orders >= " + minOrders + " && now >= x.%1$s - " + lead + " && now - x.%1$s < " + grace;
                    boolean overPurchases = matches(
                            "profile.purchases.exists(x, has(x.nextDueAt) && " + condition.formatted("nextDueAt") + ")",
                            p);
                    boolean overReplenishment =
                            matches("profile.replenishment.exists(x, " + condition.formatted("dueAt") + ")", p);
                    assertThat(overReplenishment)
                            .as(minOrders + " " + lead + " " + grace)
                            .isEqualTo(overPurchases);
                }
            }
        }
        assertThat(matches("profile.replenishment.exists(x, x.productId == 'tea' && now < x.dueAt)", p))
                .isTrue();
        assertThat(matches("profile.replenishment.exists(x, x.productId == 'once')", p))
                .isFalse();
        assertThat(engine.compile(
                                "profile.replenishment.exists(x, x.orders >= 2 && now >= x.dueAt"
                                        + " && now - x.dueAt < duration('336h'))",
                                RuleEngine.Scope.PROFILE,
                                "rule")
                        .rule()
                        .fields())
                .containsExactly("profile.replenishment");
    }

    @Test
    void aCompiledRuleListsTheFieldsItReads() {
        RuleEngine.Compiled rule = engine.compile(
                        "profile.cart.items > 0 && now - profile.cart.updatedAt > duration('30m')"
                                + " && profile.purchases.exists(p, p.productId == 'soap')"
                                + " && profile.traits['accountType'] == 'wholesale' && has(profile.lastOrderAt)",
                        RuleEngine.Scope.PROFILE,
                        "rule")
                .rule();
        assertThat(rule.fields())
                .containsExactly(
                        "profile.cart.items",
                        "profile.cart.updatedAt",
                        "profile.lastOrderAt",
                        "profile.purchases",
                        "profile.traits");
        assertThat(rule.reads("profile.cart")).isTrue();
        assertThat(rule.reads("profile.rfm")).isFalse();
        assertThat(engine.compile(
                                "request.utm.medium == 'email' && profile.rfm.recency > 3",
                                RuleEngine.Scope.REQUEST,
                                "r")
                        .rule()
                        .fields())
                .containsExactly("profile.rfm.recency", "request.utm.medium");
    }

    @Test
    void rulesTooCostlyToEvaluateAreRefusedWithTheEstimate() {
        assertThat(engine.compile(
                                "profile.purchases.exists(p, profile.purchases.exists(q, p.productId == q.productId"
                                        + " && p.orders > q.orders))",
                                RuleEngine.Scope.PROFILE,
                                "rule")
                        .problems())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("too costly").contains("estimated"));
        assertThat(engine.compile(
                                "profile.purchases.exists(p, p.productId == 'soap' && p.orders > 2)",
                                RuleEngine.Scope.PROFILE,
                                "rule")
                        .problems())
                .isEmpty();
    }

    @Test
    void aProjectionEvaluatesLikeTheWholeProfileAndAddsScores() {
        CartState cart = new CartState(
                List.of(new OrderLine("p-1", 1, BigDecimal.TEN, List.of("Kitchen"), null)),
                BigDecimal.TEN,
                NOW.minus(Duration.ofMinutes(45)));
        ProfileSnapshot p = profile(3, 250, cart);
        RuleInputs.Scores scores = new RuleInputs.Scores(5, 4, 3, 91.5);
        byte[] stored = RuleInputs.profile(p, RuleInputs.Scores.NONE).toByteArray();
        for (String source : List.of(
                "profile.orders >= 2 && profile.totalSpend > 100.0",
                "profile.cart.items > 0 && now - profile.cart.updatedAt > duration('30m')",
                "profile.purchases.exists(x, x.productId == 'soap' && now > x.nextDueAt)",
                "profile.rfm.recency == 5 && profile.rfm.code == '543' && profile.spendPercentile > 90.0",
                "profile.traits['accountType'] == 'wholesale' && profile.firstTouch.medium == 'paid_social'")) {
            RuleEngine.Compiled rule =
                    engine.compile(source, RuleEngine.Scope.PROFILE, "rule").rule();
            boolean whole = engine.evaluate(rule, RuleInputs.profile(p, scores), null, NOW)
                    .matches();
            boolean projected = engine.evaluate(
                            rule, InputProjection.of(rule.fields()).profile(stored, scores), null, NOW)
                    .matches();
            assertThat(projected).as(source).isTrue().isEqualTo(whole);
        }
        assertThat(InputProjection.of(List.of("profile.orders")).readsScores()).isFalse();
        assertThat(InputProjection.of(List.of("profile.rfm.code")).readsScores())
                .isTrue();
        assertThat(RuleInputs.withScores(RuleInputs.profile(p, RuleInputs.Scores.NONE), scores)
                        .toString())
                .contains("spendPercentile: 91.5");
    }

    @Test
    void valuesAtPathsAreShownAsPlainJsonValues() {
        CartState cart = new CartState(
                List.of(new OrderLine("p-1", 1, BigDecimal.TEN, List.of("Kitchen"), null)),
                BigDecimal.TEN,
                NOW.minus(Duration.ofMinutes(45)));
        var input = RuleInputs.profile(profile(3, 250, cart), RuleInputs.Scores.NONE);
        assertThat(RuleInputs.valueAt(input, "orders")).isEqualTo(3L);
        assertThat(RuleInputs.valueAt(input, "cart.updatedAt")).isEqualTo("2026-11-25T11:15:00Z");
        assertThat(RuleInputs.valueAt(input, "categoryAffinity")).isEqualTo(Map.of("Kitchen", 0.7, "Garden", 0.3));
        assertThat(RuleInputs.valueAt(input, "cart.productIds")).isEqualTo(List.of("p-1"));
        assertThat(RuleInputs.valueAt(input, "latestTouch")).isNull();
        assertThat(RuleInputs.valueAt(input, "nope")).isNull();
        byte[] stored = input.toByteArray();
        var parsed = InputProjection.of(List.of("profile")).profile(stored, RuleInputs.Scores.NONE);
        assertThat(RuleInputs.valueAt(parsed, "cart.updatedAt")).isEqualTo("2026-11-25T11:15:00Z");
    }

    @Test
    void wakeUpsMustGiveTimestamps() {
        assertThat(engine.compileWakeUp("profile.cart.updatedAt + duration('30m')", "wakeUp")
                        .ok())
                .isTrue();
        assertThat(engine.compileWakeUp(
                                "profile.purchases.filter(p, has(p.nextDueAt)).map(p, [p.nextDueAt, p.nextDueAt])",
                                "wakeUp")
                        .ok())
                .isTrue();
        RuleEngine.Compilation count = engine.compileWakeUp("profile.orders", "wakeUp");
        assertThat(count.ok()).isFalse();
        assertThat(count.problems().getFirst().field()).isEqualTo("wakeUp");
        assertThat(count.problems().getFirst().message()).contains("timestamp");
        assertThat(engine.compileWakeUp("[profile.country]", "wakeUp").ok()).isFalse();
    }
}
