package io.tailor.recommendation.strategy;

import io.tailor.contracts.profile.PurchaseStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reorder list of a B2B account (trait {@code accountType=wholesale}): every product the account bought, most
 * often ordered first, then by units and the latest purchase. Retail shoppers get nothing (the placement's next
 * strategy fills in).
 */
public final class WholesaleReorderStrategy implements Strategy {

    public static final String NAME = "wholesale_reorder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        boolean wholesale = context.profile()
                .map(p -> p.traits() == null ? Map.<String, String>of() : p.traits())
                .map(traits -> "wholesale".equalsIgnoreCase(traits.get("accountType")))
                .orElse(false);
        if (!wholesale) {
            return List.of();
        }
        List<PurchaseStats> purchases = new ArrayList<>(context.profile()
                .map(p -> p.purchases() == null ? List.<PurchaseStats>of() : p.purchases())
                .orElse(List.of()));
        purchases.removeIf(p -> p == null || p.productId() == null);
        purchases.sort(Comparator.comparingInt(PurchaseStats::orders)
                .thenComparingInt(PurchaseStats::units)
                .thenComparing(p -> p.lastPurchasedAt() == null ? Instant.EPOCH : p.lastPurchasedAt())
                .reversed());
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < purchases.size() && out.size() < limit; i++) {
            PurchaseStats p = purchases.get(i);
            String reason = p.orders() == 1
                    ? "On your reorder list: ordered once, " + p.units() + (p.units() == 1 ? " unit" : " units")
                    : "On your reorder list: ordered " + p.orders() + " times, " + p.units() + " units";
            out.add(new Candidate(p.productId(), purchases.size() - i, NAME, reason));
        }
        return out;
    }
}
