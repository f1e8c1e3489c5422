package io.tailor.content.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.ContentRequest;
import io.tailor.contracts.decision.ContentResponse;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.decision.SlotContent;
import io.tailor.kit.state.ShopperStateReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses each slot's variant: the highest-priority variant whose targeting matches the shopper (their segments, in
 * Redis) and the page, else the slot's default. The answer names the rule that matched.
 */
@ApplicationScoped
public class ContentDecisionService {

    private final SlotCatalog catalog;
    private final ShopperStateReader shoppers;

    public ContentDecisionService(SlotCatalog catalog, ShopperStateReader shoppers) {
        this.catalog = catalog;
        this.shoppers = shoppers;
    }

    public Uni<ContentResponse> decide(ContentRequest request) {
        RequestContext context = request.context() == null ? RequestContext.EMPTY : request.context();
        Uni<java.util.Optional<String>> profileId = request.personalized()
                ? shoppers.profileId(request.shopper())
                : Uni.createFrom().item(java.util.Optional.empty());
        return profileId
                .flatMap(id -> id.isEmpty()
                        ? Uni.createFrom().item(Map.<String, Instant>of())
                        : shoppers.memberships(id.get()))
                .map(memberships -> {
                    List<SlotContent> slots = new ArrayList<>();
                    for (String slot : request.slots() == null ? List.<String>of() : request.slots()) {
                        catalog.variants(slot)
                                .flatMap(variants -> choose(slot, variants, memberships, context))
                                .ifPresent(slots::add);
                    }
                    return new ContentResponse(slots);
                });
    }

    static Optional<SlotContent> choose(
            String slot, List<SlotCatalog.LiveVariant> variants, Map<String, ?> memberships, RequestContext context) {
        SlotCatalog.LiveVariant fallback = null;
        for (SlotCatalog.LiveVariant v : variants) {
            if (v.isDefault()) {
                fallback = v;
                continue;
            }
            Optional<String> rule = v.targeting().match(memberships, context);
            if (rule.isPresent()) {
                return Optional.of(content(slot, v, rule.get()));
            }
        }
        return Optional.ofNullable(fallback).map(v -> content(slot, v, "default"));
    }

    private static SlotContent content(String slot, SlotCatalog.LiveVariant v, String rule) {
        return new SlotContent(slot, v.key(), v.title(), v.body(), v.imageUrl(), v.linkUrl(), rule);
    }
}
