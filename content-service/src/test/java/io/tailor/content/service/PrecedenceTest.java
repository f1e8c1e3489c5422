package io.tailor.content.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.content.model.SlotKind;
import io.tailor.content.targeting.Schedule;
import io.tailor.content.targeting.Targeting;
import io.tailor.content.targeting.TargetingRule;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.contracts.event.Utm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final RequestContext SPRING = new RequestContext(
            "home",
            "/",
            null,
            null,
            null,
            null,
            new Utm("google", "cpc", "spring-sale", null, null),
            null,
            "mobile",
            "FR",
            null);

    private static SlotCatalog.LiveVariant variant(String key, int priority, Targeting t) {
        return new SlotCatalog.LiveVariant(
                key, key, null, null, null, priority, TargetingRule.of(t), false, null, null);
    }

    private static SlotCatalog.LiveSlot slot(SlotCatalog.LiveVariant... variants) {
        List<SlotCatalog.LiveVariant> all = new ArrayList<>(List.of(variants));
        all.add(new SlotCatalog.LiveVariant(
                "default", "d", null, null, null, 0, TargetingRule.EVERYONE, true, null, null));
        all.sort(SlotCatalog.PRECEDENCE);
        return new SlotCatalog.LiveSlot("hero", SlotKind.HOME_HERO, null, List.copyOf(all));
    }

    private static Targeting campaignAndSegment() {
        return new Targeting(
                List.of("repeat-customer"), null, null, null, List.of("spring-sale"), null, null, null, null, null);
    }

    private static Optional<SlotContent> choose(SlotCatalog.LiveSlot slot, Map<String, ?> segments) {
        return ContentDecisionService.choose(slot, segments, SPRING, NOW, v -> false, true);
    }

    @Test
    void higherPriorityWinsOverMoreSpecific() {
        SlotCatalog.LiveSlot slot = slot(
                variant("specific", 5, campaignAndSegment()),
                variant("broad", 10, Targeting.segments(List.of("repeat-customer"))));
        assertThat(choose(slot, Map.of("repeat-customer", 1)))
                .get()
                .extracting(SlotContent::variantKey, SlotContent::matchedRule)
                .containsExactly("broad", "segment=repeat-customer");
    }

    @Test
    void amongEqualPrioritiesTheMostSpecificWinsWhateverTheOrderGiven() {
        SlotCatalog.LiveSlot slot = slot(
                variant("broad", 10, Targeting.segments(List.of("repeat-customer"))),
                variant("specific", 10, campaignAndSegment()));
        assertThat(choose(slot, Map.of("repeat-customer", 1)))
                .get()
                .extracting(SlotContent::variantKey, SlotContent::matchedRule)
                .containsExactly("specific", "utm_campaign=spring-sale & segment=repeat-customer");
        assertThat(choose(slot, Map.of()))
                .get()
                .extracting(SlotContent::matchedRule)
                .isEqualTo("default");
    }

    @Test
    void anExpiredScheduleFallsThroughToTheNextVariant() {
        Targeting over = new Targeting(
                null,
                null,
                null,
                null,
                List.of("spring-sale"),
                null,
                null,
                null,
                null,
                new Schedule(null, Instant.parse("2026-03-01T00:00:00Z"), null, null, null, null));
        SlotCatalog.LiveSlot slot = slot(
                variant("ended", 50, over),
                variant(
                        "mobile",
                        1,
                        new Targeting(null, null, null, null, null, List.of("mobile"), null, null, null, null)));
        assertThat(choose(slot, Map.of()))
                .get()
                .extracting(SlotContent::variantKey)
                .isEqualTo("mobile");
    }

    @Test
    void hiddenVariantsAreSkippedAndWithoutPersonalizationOnlyTheDefaultShows() {
        SlotCatalog.LiveSlot slot = slot(variant("broad", 10, Targeting.segments(List.of("repeat-customer"))));
        assertThat(ContentDecisionService.choose(
                        slot, Map.of("repeat-customer", 1), SPRING, NOW, "broad"::equals, true))
                .get()
                .extracting(SlotContent::variantKey)
                .isEqualTo("default");
        assertThat(ContentDecisionService.choose(slot, Map.of("repeat-customer", 1), SPRING, NOW, v -> false, false))
                .get()
                .extracting(SlotContent::variantKey)
                .isEqualTo("default");
        assertThat(ContentDecisionService.choose(slot, Map.of(), SPRING, NOW, "default"::equals, true))
                .isEmpty();
    }
}
