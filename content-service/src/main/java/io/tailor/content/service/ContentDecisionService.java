package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.content.cache.ShopperFrequency;
import io.tailor.content.model.CapState;
import io.tailor.content.model.FrequencyCap;
import io.tailor.content.model.ProductCollection;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Chooses each slot's variant: the first variant in precedence order (priority, then specificity) whose targeting
 * matches the shopper (segments from Redis), the page and the moment, else the slot's default. Capped slots are left
 * out once the shopper reached their cap, dismissed variants are skipped, and every capped slot shown is counted.
 */
@ApplicationScoped
public class ContentDecisionService {

    private static final Logger LOG = Logger.getLogger(ContentDecisionService.class);

    private final SlotCatalog catalog;
    private final ShopperStateReader shoppers;
    private final ShopperFrequency frequency;
    private final VariantChoices choices;
    private final Clock clock;

    public ContentDecisionService(
            SlotCatalog catalog,
            ShopperStateReader shoppers,
            ShopperFrequency frequency,
            VariantChoices choices,
            Clock clock) {
        this.catalog = catalog;
        this.shoppers = shoppers;
        this.frequency = frequency;
        this.choices = choices;
        this.clock = clock;
    }

    public Uni<ContentResponse> decide(ContentRequest request) {
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        Instant now = clock.instant();
        List<SlotCatalog.LiveSlot> slots = new ArrayList<>();
        for (String key : request.slots() == null ? List.<String>of() : request.slots()) {
            catalog.slot(key).ifPresent(slots::add);
        }
        String shopper = request.shopper().unitId();
        Map<String, FrequencyCap> capped = new LinkedHashMap<>();
        slots.stream().filter(s -> s.frequencyCap() != null).forEach(s -> capped.put(s.key(), s.frequencyCap()));
        Uni<Map<String, CapState>> caps = capped.isEmpty() || shopper == null || shopper.isBlank()
                ? Uni.createFrom().item(Map.of())
                : frequency.read(shopper, capped, now).onFailure().recoverWithItem(f -> {
                    LOG.warnf("Frequency caps unreadable, capped slots left out: %s", f.toString());
                    return null;
                });
        Uni<Map<String, Instant>> memberships = request.personalized()
                ? shoppers.resolvedMemberships(request.shopper())
                        .map(ShopperStateReader.ResolvedMemberships::memberships)
                : Uni.createFrom().item(Map.of());
        Uni<Map<String, VariantChoices.Choice>> chosenByExperiments =
                choices.choose(slots, request.shopper(), context, request.personalized());
        return Uni.combine()
                .all()
                .unis(memberships, caps, chosenByExperiments)
                .asTuple()
                .flatMap(t -> {
                    Map<String, CapState> states = t.getItem2();
                    Map<String, VariantChoices.Choice> chosenFor = t.getItem3();
                    List<SlotContent> answers = new ArrayList<>();
                    List<Uni<Void>> counts = new ArrayList<>();
                    for (SlotCatalog.LiveSlot slot : slots) {
                        Predicate<String> hidden = v -> false;
                        boolean anonymous = shopper == null || shopper.isBlank();
                        if (slot.frequencyCap() != null
                                && anonymous
                                && slot.frequencyCap().countsShows()) {
                            continue; // shows that cannot be counted are not made
                        }
                        if (slot.frequencyCap() != null && !anonymous) {
                            CapState state = states == null ? null : states.getOrDefault(slot.key(), CapState.NONE);
                            if (state == null || !state.allows(slot.frequencyCap(), now)) {
                                continue;
                            }
                            hidden = v -> state.dismissed(v, now);
                            Optional<SlotContent> chosen = choose(
                                    slot,
                                    t.getItem1(),
                                    context,
                                    now,
                                    hidden,
                                    request.personalized(),
                                    chosenFor.get(slot.key()));
                            if (chosen.isPresent()) {
                                answers.add(chosen.get());
                                if (slot.frequencyCap().countsShows()) {
                                    counts.add(frequency
                                            .shown(shopper, slot.key(), slot.frequencyCap(), state, now)
                                            .onFailure()
                                            .recoverWithItem(f -> {
                                                LOG.warnf("Show of %s not counted: %s", slot.key(), f.toString());
                                                return null;
                                            }));
                                }
                            }
                            continue;
                        }
                        choose(
                                        slot,
                                        t.getItem1(),
                                        context,
                                        now,
                                        hidden,
                                        request.personalized(),
                                        chosenFor.get(slot.key()))
                                .ifPresent(answers::add);
                    }
                    ContentResponse response = new ContentResponse(answers);
                    return counts.isEmpty()
                            ? Uni.createFrom().item(response)
                            : Uni.join().all(counts).andCollectFailures().replaceWith(response);
                });
    }

    /** A decided variant with everything it holds (content-service's own API; the contract carries less). */
    public record DecidedVariant(
            String slot,
            String kind,
            String variantKey,
            String title,
            String body,
            String imageUrl,
            String linkUrl,
            ProductCollection collection,
            String sortOrder,
            String matchedRule) {}

    /** The same decision as {@link #decide}, each answer with the chosen variant's collection and sort order. */
    public Uni<List<DecidedVariant>> decideInFull(ContentRequest request) {
        return decide(request).map(response -> response.slots().stream()
                .map(c -> {
                    Optional<SlotCatalog.LiveSlot> slot = catalog.slot(c.slot());
                    Optional<SlotCatalog.LiveVariant> v = slot.flatMap(s -> s.variants().stream()
                            .filter(x -> x.key().equals(c.variantKey()))
                            .findFirst());
                    return new DecidedVariant(
                            c.slot(),
                            slot.map(s -> s.kind().wireName()).orElse(null),
                            c.variantKey(),
                            c.title(),
                            c.body(),
                            c.imageUrl(),
                            c.linkUrl(),
                            v.map(SlotCatalog.LiveVariant::collection).orElse(null),
                            v.map(SlotCatalog.LiveVariant::sortOrder).orElse(null),
                            c.matchedRule());
                })
                .toList());
    }

    /**
     * The slot's answer: the first non-default variant in precedence order that matches and is not hidden, else the
     * default unless hidden; empty when nothing may be shown. Without personalization only the default is shown.
     */
    public static Optional<SlotContent> choose(
            SlotCatalog.LiveSlot slot,
            Map<String, ?> memberships,
            RequestContext context,
            Instant now,
            Predicate<String> hidden,
            boolean personalized) {
        return choose(slot, memberships, context, now, hidden, personalized, null);
    }

    /**
     * As {@link #choose(SlotCatalog.LiveSlot, Map, RequestContext, Instant, Predicate, boolean)}, except that the
     * variant an experiment or bandit chose ({@code chosen}) is shown when it is active and not dismissed, whatever
     * its targeting: the experiment has its own.
     */
    public static Optional<SlotContent> choose(
            SlotCatalog.LiveSlot slot,
            Map<String, ?> memberships,
            RequestContext context,
            Instant now,
            Predicate<String> hidden,
            boolean personalized,
            VariantChoices.Choice chosen) {
        if (chosen != null && personalized && !hidden.test(chosen.variantKey())) {
            for (SlotCatalog.LiveVariant v : slot.variants()) {
                if (v.key().equals(chosen.variantKey())) {
                    return Optional.of(content(slot.key(), v, chosen.rule()));
                }
            }
        }
        SlotCatalog.LiveVariant fallback = null;
        for (SlotCatalog.LiveVariant v : slot.variants()) {
            if (v.isDefault()) {
                fallback = v;
                continue;
            }
            if (!personalized || hidden.test(v.key())) {
                continue;
            }
            Optional<String> rule = v.targeting().match(memberships, context, now);
            if (rule.isPresent()) {
                return Optional.of(content(slot.key(), v, rule.get()));
            }
        }
        return Optional.ofNullable(fallback)
                .filter(v -> !hidden.test(v.key()))
                .map(v -> content(slot.key(), v, "default"));
    }

    private static SlotContent content(String slot, SlotCatalog.LiveVariant v, String rule) {
        return new SlotContent(slot, v.key(), v.title(), v.body(), v.imageUrl(), v.linkUrl(), rule, v.sortOrder());
    }
}
