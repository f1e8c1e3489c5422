package io.tailor.content.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.content.targeting.Schedule;
import io.tailor.content.targeting.Targeting;
import io.tailor.contracts.event.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final SlotValidator validator = new SlotValidator();

    private static SlotInput.VariantInput variant(String key, Integer priority, Targeting t, boolean isDefault) {
        return new SlotInput.VariantInput(
                key, "Title", null, "https://cdn.example/i.jpg", "/c/new", null, null, priority, t, isDefault, null);
    }

    private static SlotInput.VariantInput fallback() {
        return variant("default", null, null, true);
    }

    private static Targeting scheduled(Schedule s) {
        return new Targeting(List.of("vip"), null, null, null, null, null, null, null, null, s);
    }

    private static List<String> fields(List<Violation> v) {
        return v.stream().map(Violation::field).toList();
    }

    @Test
    void refusesInvalidTargetingNamingEachField() {
        Targeting bad = new Targeting(
                List.of("Not A Key"),
                List.of("carrier_pigeon"),
                null,
                null,
                List.of(""),
                List.of("fridge"),
                List.of("XX"),
                List.of("basket"),
                List.of("no-slash", "/a*b"),
                new Schedule(
                        Instant.parse("2026-03-02T00:00:00Z"),
                        Instant.parse("2026-03-01T00:00:00Z"),
                        "Mars/Olympus_Mons",
                        List.of("FUNDAY"),
                        "25:00",
                        "10:00"));
        List<Violation> v = validator.validate(
                "hero",
                new SlotInput("home_hero", "Hero", null, null, List.of(fallback(), variant("x", 1, bad, false))));
        assertThat(fields(v))
                .contains(
                        "variants[1].targeting.segments[0]",
                        "variants[1].targeting.trafficSources[0]",
                        "variants[1].targeting.utmCampaigns[0]",
                        "variants[1].targeting.devices[0]",
                        "variants[1].targeting.countries[0]",
                        "variants[1].targeting.pageTypes[0]",
                        "variants[1].targeting.pagePaths[0]",
                        "variants[1].targeting.pagePaths[1]",
                        "variants[1].targeting.schedule.end",
                        "variants[1].targeting.schedule.timeZone",
                        "variants[1].targeting.schedule.days[0]",
                        "variants[1].targeting.schedule.from");
        assertThat(v.stream()
                        .filter(x -> x.field().endsWith("timeZone"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("unknown time zone");
    }

    @Test
    void aRecurringWindowNeedsATimeZone() {
        Schedule noZone = new Schedule(null, null, null, List.of("MON"), "09:00", "17:00");
        assertThat(fields(validator.validate(
                        "hero",
                        new SlotInput(
                                null,
                                "Hero",
                                null,
                                null,
                                List.of(fallback(), variant("x", 1, scheduled(noZone), false))))))
                .containsExactly("variants[1].targeting.schedule.timeZone");
    }

    @Test
    void imageBearingKindsNeedImagesAndUrlsMustBeReal() {
        SlotInput.VariantInput noImage = new SlotInput.VariantInput(
                "default", "T", null, null, "javascript:alert(1)", null, null, null, null, true, null);
        SlotInput.VariantInput badImage = new SlotInput.VariantInput(
                "b",
                "T",
                null,
                "https:///nohost.jpg",
                "//evil.example/x",
                null,
                null,
                1,
                Targeting.segments(List.of("vip")),
                false,
                null);
        assertThat(fields(validator.validate(
                        "banner", new SlotInput("category_banner", "Banner", null, null, List.of(noImage, badImage)))))
                .containsExactlyInAnyOrder(
                        "variants[0].imageUrl", "variants[0].linkUrl", "variants[1].imageUrl", "variants[1].linkUrl");
        assertThat(validator.validate(
                        "msg",
                        new SlotInput(
                                "cart_message",
                                "Cart",
                                null,
                                null,
                                List.of(new SlotInput.VariantInput(
                                        "default",
                                        "Free shipping over 50",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        true,
                                        null)))))
                .isEmpty();
    }

    @Test
    void refusesUnknownKindsCollectionsSortOrdersCapsAndATargetedDefault() {
        SlotInput.VariantInput d = new SlotInput.VariantInput(
                "default",
                "T",
                null,
                null,
                null,
                new ProductCollection(List.of("p1"), "shoes"),
                "cheapest",
                null,
                Targeting.segments(List.of("vip")),
                true,
                null);
        List<Violation> v = validator.validate(
                "blocks", new SlotInput("sidebar", "Blocks", null, new FrequencyCap(0, 3, null, 400), List.of(d)));
        assertThat(fields(v))
                .containsExactlyInAnyOrder(
                        "kind",
                        "frequencyCap.perSession",
                        "frequencyCap.dismissDays",
                        "frequencyCap.windowDays",
                        "variants[0].collection",
                        "variants[0].sortOrder",
                        "variants[0].targeting");
    }

    @Test
    void overlappingSchedulesOfEquallyRankedVariantsClash() {
        Schedule march = new Schedule(
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), null, null, null, null);
        Schedule lateMarch = new Schedule(
                Instant.parse("2026-03-20T00:00:00Z"), Instant.parse("2026-04-10T00:00:00Z"), null, null, null, null);
        Schedule april = new Schedule(
                Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), null, null, null, null);
        List<Violation> clash = ScheduleOverlaps.find(
                List.of(
                        fallback(),
                        variant("a", 5, scheduled(march), false),
                        variant("b", 5, scheduled(lateMarch), false)),
                NOW);
        assertThat(clash).hasSize(1);
        assertThat(clash.getFirst().message()).contains("'a'", "'b'");
        assertThat(ScheduleOverlaps.find(
                        List.of(variant("a", 5, scheduled(march), false), variant("b", 5, scheduled(april), false)),
                        NOW))
                .isEmpty();
        assertThat(ScheduleOverlaps.find(
                        List.of(variant("a", 5, scheduled(march), false), variant("b", 6, scheduled(lateMarch), false)),
                        NOW))
                .isEmpty();
        assertThat(ScheduleOverlaps.find(
                        List.of(variant("a", 5, scheduled(null), false), variant("b", 5, scheduled(null), false)), NOW))
                .hasSize(1);
    }

    @Test
    void recurringWindowsClashOnlyWhenTheyShareAMoment() {
        Schedule mornings = new Schedule(null, null, "Europe/Paris", List.of("MON", "TUE"), "08:00", "12:00");
        Schedule afternoons = new Schedule(null, null, "Europe/Paris", List.of("MON", "TUE"), "12:00", "18:00");
        Schedule londonNoon = new Schedule(null, null, "Europe/London", List.of("TUE"), "10:30", "11:00");
        Schedule weekends = new Schedule(null, null, "Europe/Paris", List.of("SAT", "SUN"), "08:00", "12:00");
        assertThat(ScheduleOverlaps.overlap(mornings, afternoons, NOW)).isFalse();
        assertThat(ScheduleOverlaps.overlap(mornings, weekends, NOW)).isFalse();
        // 10:30 in London is 11:30 in Paris: inside the mornings
        assertThat(ScheduleOverlaps.overlap(mornings, londonNoon, NOW)).isTrue();
        assertThat(ScheduleOverlaps.overlap(afternoons, londonNoon, NOW)).isFalse();
    }
}
