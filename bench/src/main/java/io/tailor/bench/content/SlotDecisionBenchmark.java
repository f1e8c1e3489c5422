package io.tailor.bench.content;

import io.tailor.bench.BenchSupport;
import io.tailor.content.model.SlotKind;
import io.tailor.content.service.ContentDecisionService;
import io.tailor.content.service.SlotCatalog;
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
import org.HdrHistogram.Histogram;

/**
 * The content-service slot decision in process, after its Redis reads: one request for 5 slots, each slot with
 * {@code variantsPerSlot} active variants (targeting mixes segments, utm campaign, traffic source, device, country,
 * page path and schedules in a time zone) matched in precedence order, as ContentDecisionService does it. Most
 * variants do not match, so each decision walks most of each slot (the expensive case). Prints decisions/s and the
 * latency of one 5-slot decision. Usage: ./bench/run.sh content.SlotDecisionBenchmark [decisions, default 200000]
 * [variants per slot, default 200]
 */
public final class SlotDecisionBenchmark {

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int perSlot = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<SlotCatalog.LiveSlot> slots = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            List<SlotCatalog.LiveVariant> variants = new ArrayList<>();
            for (int v = 0; v < perSlot - 1; v++) {
                variants.add(new SlotCatalog.LiveVariant(
                        "v" + v,
                        "Title " + v,
                        "Body",
                        "https://cdn.example/" + v + ".jpg",
                        "/c/" + v,
                        v % 50,
                        TargetingRule.of(targeting(v)),
                        false,
                        null,
                        v % 2 == 0 ? "top_rated" : null));
            }
            variants.add(new SlotCatalog.LiveVariant(
                    "default", "Default", null, null, null, 0, TargetingRule.EVERYONE, true, null, null));
            variants.sort(SlotCatalog.PRECEDENCE);
            slots.add(new SlotCatalog.LiveSlot("slot-" + s, SlotKind.HOME_BLOCKS, null, List.copyOf(variants)));
        }
        Map<String, Object> memberships = Map.of("repeat-customer", 1L, "segment-7", 1L, "newsletter", 1L);
        RequestContext[] contexts = {
            new RequestContext(
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
                    "fr-FR"),
            new RequestContext(
                    "category",
                    "https://shop.example/c/shoes?page=2",
                    null,
                    List.of("shoes"),
                    null,
                    null,
                    null,
                    "https://www.google.com/",
                    "desktop",
                    "DE",
                    "de-DE"),
            new RequestContext(
                    "landing",
                    "/lp/autumn",
                    null,
                    null,
                    null,
                    null,
                    new Utm("newsletter", "email", "week-12", null, null),
                    null,
                    "tablet",
                    "US",
                    "en-US")
        };
        Histogram micros = BenchSupport.histogram();
        int shown = 0;
        long elapsed = 0;
        Instant base = Instant.parse("2026-03-10T08:00:00Z");
        for (int round = 0; round < 2; round++) { // warm-up, then measure
            micros.reset();
            shown = 0;
            long started = System.nanoTime();
            for (int d = 0; d < decisions; d++) {
                RequestContext context = contexts[d % contexts.length];
                Instant now = base.plusSeconds(d % 604_800L);
                long t0 = System.nanoTime();
                for (SlotCatalog.LiveSlot slot : slots) {
                    Optional<SlotContent> c =
                            ContentDecisionService.choose(slot, memberships, context, now, v -> false, true);
                    if (c.isPresent()) {
                        shown++;
                    }
                }
                micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            }
            elapsed = System.nanoTime() - started;
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "content slot decisions: 5 slots x %d variants, %d decisions, %.0f decisions/s, %d slots filled%n",
                perSlot,
                decisions,
                decisions / (elapsed / 1e9),
                shown);
        System.out.println(BenchSupport.latencies("decision (5 slots)", micros));
    }

    /** A mix of conditions; most fail for the benchmark's requests. No two variants clash (same priority+targeting). */
    static Targeting targeting(int v) {
        List<String> segments = List.of("segment-" + (v % 40 + 10));
        return switch (v % 6) {
            case 0 -> Targeting.segments(segments);
            case 1 -> new Targeting(null, null, null, null, List.of("campaign-" + v), null, null, null, null, null);
            case 2 ->
                new Targeting(
                        segments, List.of("paid_social"), null, null, null, List.of("mobile"), null, null, null, null);
            case 3 ->
                new Targeting(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("JP", "KR"),
                        List.of("category"),
                        List.of("/c/bags-" + v + "*"),
                        null);
            case 4 ->
                new Targeting(
                        segments,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Schedule(null, null, "Europe/Paris", List.of("SAT", "SUN"), "09:00", "21:00"));
            default ->
                new Targeting(
                        null,
                        null,
                        List.of("partner-" + v),
                        List.of("affiliate"),
                        null,
                        null,
                        null,
                        List.of("landing"),
                        null,
                        null);
        };
    }

    private SlotDecisionBenchmark() {}
}
