package io.tailor.content.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.content.targeting.Targeting;
import io.tailor.contracts.event.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferRulesTest {

    private static final BigDecimal CAP = BigDecimal.valueOf(50);

    static OfferDefinition percentage(String percent, Targeting t, OfferDefinition.Products products) {
        return new OfferDefinition(
                "percentage",
                "Spring",
                null,
                new BigDecimal(percent),
                null,
                null,
                null,
                products,
                new OfferDefinition.Exclusions(true, List.of("gift-cards"), null),
                t,
                null,
                null,
                null,
                null,
                null);
    }

    static OfferPricing.Item item(String id, String price, boolean onSale, int quantity, String... categories) {
        return new OfferPricing.Item(id, new BigDecimal(price), List.of(categories), onSale, quantity);
    }

    private static List<String> fields(List<Violation> v) {
        return v.stream().map(Violation::field).toList();
    }

    @Test
    void pricesAreDeterministicCappedAndRespectExclusions() {
        OfferDefinition fifteen = percentage("15", null, null);
        List<OfferPricing.Item> items = List.of(
                item("shoe", "99.99", false, 1, "shoes"),
                item("sale-shoe", "50", true, 1, "shoes"),
                item("card", "25", false, 1, "gift-cards"));
        List<OfferPricing.Priced> first = OfferPricing.price(fifteen, items, CAP);
        assertThat(first)
                .containsExactly(new OfferPricing.Priced(
                        "shoe", new BigDecimal("99.99"), new BigDecimal("84.99"), new BigDecimal("15")));
        assertThat(OfferPricing.price(fifteen, items, CAP)).isEqualTo(first);

        OfferDefinition tenOff = new OfferDefinition(
                "fixed_amount",
                "Ten off",
                null,
                null,
                new BigDecimal("10"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(OfferPricing.price(tenOff, List.of(item("sock", "12", false, 1)), CAP)
                        .getFirst()
                        .offerPrice())
                .isEqualByComparingTo("6.00"); // 10 off 12 would be 83%: capped at 50%
        assertThat(OfferPricing.price(tenOff, List.of(item("coat", "200", false, 1)), CAP)
                        .getFirst()
                        .offerPrice())
                .isEqualByComparingTo("190.00");
    }

    @Test
    void bundlesNeedAllTheirProductsAndTiersTheirQuantity() {
        OfferDefinition bundle = new OfferDefinition(
                "bundle",
                "Kit",
                null,
                BigDecimal.TEN,
                null,
                List.of("a", "b"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(OfferPricing.price(bundle, List.of(item("a", "10", false, 1)), CAP))
                .isEmpty();
        assertThat(OfferPricing.price(bundle, List.of(item("a", "10", false, 1), item("b", "20", false, 1)), CAP))
                .extracting(OfferPricing.Priced::offerPrice)
                .containsExactly(new BigDecimal("9.00"), new BigDecimal("18.00"));

        OfferDefinition wholesale = new OfferDefinition(
                "wholesale_tier",
                "Trade",
                null,
                null,
                null,
                null,
                List.of(
                        new OfferDefinition.Tier(10, BigDecimal.valueOf(5)),
                        new OfferDefinition.Tier(50, BigDecimal.TEN)),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(OfferPricing.price(wholesale, List.of(item("x", "100", false, 9)), CAP))
                .isEmpty();
        assertThat(OfferPricing.price(wholesale, List.of(item("x", "100", false, 10)), CAP)
                        .getFirst()
                        .offerPrice())
                .isEqualByComparingTo("95");
        assertThat(OfferPricing.price(wholesale, List.of(item("x", "100", false, 60)), CAP)
                        .getFirst()
                        .offerPrice())
                .isEqualByComparingTo("90");
    }

    @Test
    void explainsEligibilityInPlainWords() {
        OfferDefinition d = percentage("15", null, null);
        assertThat(OfferPricing.explain(
                        d, "utm_campaign=spring-sale & segment=repeat-customer", Instant.parse("2026-04-01T00:00:00Z")))
                .isEqualTo("15% off. You see this offer because you came from our spring-sale campaign and you are in"
                        + " our repeat customer group. Items already on sale are not included. Not valid in:"
                        + " gift-cards. Valid until 2026-04-01T00:00:00Z.");
        assertThat(OfferPricing.explain(d, "everyone", null)).contains("because it is open to every shopper.");
    }

    @Test
    void refusesNegativeExcessiveAndMisplacedDiscounts() {
        OfferValidator validator = new OfferValidator(CAP);
        assertThat(fields(validator.validate("o", percentage("-5", null, null))))
                .containsExactly("percentOff");
        assertThat(validator
                        .validate("o", percentage("150", null, null))
                        .getFirst()
                        .message())
                .contains("at most 100");
        assertThat(validator
                        .validate("o", percentage("60", null, null))
                        .getFirst()
                        .message())
                .contains("discount cap of 50%");
        OfferDefinition broken = new OfferDefinition(
                "wholesale_tier",
                "",
                null,
                BigDecimal.ONE,
                new BigDecimal("-1"),
                List.of("a"),
                List.of(
                        new OfferDefinition.Tier(10, BigDecimal.ONE),
                        new OfferDefinition.Tier(5, new BigDecimal("101"))),
                null,
                null,
                null,
                null,
                Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                null);
        assertThat(fields(validator.validate("Bad Key", broken)))
                .containsExactlyInAnyOrder(
                        "key",
                        "name",
                        "percentOff",
                        "amountOff",
                        "bundleProductIds",
                        "tiers[1].minQuantity",
                        "tiers[1].percentOff",
                        "end");
    }

    @Test
    void refusesDifferentPricesWithinASegmentWithoutAReason() {
        Targeting vipMobile =
                new Targeting(List.of("vip"), null, null, null, null, List.of("mobile"), null, null, null, null);
        assertThat(PriceConsistency.check("o", percentage("10", vipMobile, null), Map.of()))
                .extracting(Violation::field)
                .containsExactly("targeting");

        OfferDefinition vip = percentage("10", Targeting.segments(List.of("vip")), null);
        OfferDefinition repeat = percentage("20", Targeting.segments(List.of("repeat")), null);
        assertThat(PriceConsistency.check("repeat", repeat, Map.of("vip", vip)))
                .extracting(Violation::message)
                .anyMatch(m -> m.contains("offer 'vip'"));
        // same terms, disjoint products, same segments, different windows or a declared reason: consistent
        assertThat(PriceConsistency.check(
                        "repeat", percentage("10", Targeting.segments(List.of("repeat")), null), Map.of("vip", vip)))
                .isEmpty();
        assertThat(PriceConsistency.check(
                        "repeat",
                        percentage(
                                "20",
                                Targeting.segments(List.of("repeat")),
                                new OfferDefinition.Products(List.of("p2"), null)),
                        Map.of(
                                "vip",
                                percentage(
                                        "10",
                                        Targeting.segments(List.of("vip")),
                                        new OfferDefinition.Products(List.of("p1"), null)))))
                .isEmpty();
        assertThat(PriceConsistency.check(
                        "vip2", percentage("20", Targeting.segments(List.of("vip")), null), Map.of("vip", vip)))
                .isEmpty();
        OfferDefinition reasoned = new OfferDefinition(
                "percentage",
                "Staff",
                null,
                BigDecimal.TEN,
                null,
                null,
                null,
                null,
                null,
                vipMobile,
                null,
                null,
                null,
                "app launch: mobile-only price agreed with legal",
                null);
        assertThat(PriceConsistency.check("staff", reasoned, Map.of("vip", vip)))
                .isEmpty();
        assertThat(PriceConsistency.overlap(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"),
                        null))
                .isFalse();
    }
}
