package io.tailor.content.targeting;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.contracts.decision.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * Who a variant is for: every condition given must hold; an empty targeting matches everyone.
 *
 * @param segments the shopper is in at least one of these segments
 */
// read and written by Jackson outside REST signatures (database JSON), so native images need it
@RegisterForReflection
public record Targeting(List<String> segments) {

    public static final Targeting EVERYONE = new Targeting(null);

    /** Whether a shopper in {@code memberships} on this page matches; empty when not, else the rule that matched. */
    public java.util.Optional<String> match(Map<String, ?> memberships, RequestContext context) {
        StringBuilder rule = new StringBuilder();
        if (segments != null && !segments.isEmpty()) {
            String hit = segments.stream()
                    .filter(memberships::containsKey)
                    .findFirst()
                    .orElse(null);
            if (hit == null) {
                return java.util.Optional.empty();
            }
            rule.append("segment=").append(hit);
        }
        return java.util.Optional.of(rule.isEmpty() ? "everyone" : rule.toString());
    }
}
