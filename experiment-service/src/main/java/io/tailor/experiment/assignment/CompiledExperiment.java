package io.tailor.experiment.assignment;

import io.tailor.contracts.decision.ShopperRef;
import io.tailor.rules.RuleEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running experiment prepared for the decide path: bucket ranges computed once, targeting compiled, forced units
 * indexed. {@link #assign} is pure hashing (no I/O), a few hundred nanoseconds.
 *
 * @param rule the compiled CEL targeting rule, or null
 * @param forced unit id to variation index (QA)
 * @param stickyDays when non-null, assignments are remembered for this many days
 */
public record CompiledExperiment(
        String key,
        List<String> variationKeys,
        List<double[]> ranges,
        String seed,
        int hashVersion,
        String hashAttribute,
        String namespaceId,
        double namespaceStart,
        double namespaceEnd,
        Set<String> segments,
        RuleEngine.Compiled rule,
        Map<String, Integer> forced,
        Integer stickyDays) {

    /** The value of the hash attribute for a shopper, or null. */
    public String hashValue(ShopperRef shopper) {
        String v =
                switch (hashAttribute) {
                    case "anonymousId" -> shopper.anonymousId();
                    case "customerId" -> shopper.customerId();
                    default -> shopper.unitId();
                };
        return v == null || v.isEmpty() ? null : v;
    }

    /** The variation forced for this shopper (QA), by customer or anonymous id, or -1. */
    public int forcedIndex(ShopperRef shopper) {
        if (forced.isEmpty()) {
            return -1;
        }
        Integer byCustomer = shopper.customerId() == null ? null : forced.get(shopper.customerId());
        if (byCustomer != null) {
            return byCustomer;
        }
        Integer byAnonymous = shopper.anonymousId() == null ? null : forced.get(shopper.anonymousId());
        return byAnonymous == null ? -1 : byAnonymous;
    }

    /** Whether the shopper's segments let them in (no segment targeting lets everyone in). */
    public boolean segmentsAllow(Map<String, ?> memberships) {
        if (segments.isEmpty()) {
            return true;
        }
        for (String s : segments) {
            if (memberships.containsKey(s)) {
                return true;
            }
        }
        return false;
    }

    /** Where the shopper lands by hashing: namespace, then hash against the bucket ranges. */
    public Assignment assign(ShopperRef shopper) {
        String hashValue = hashValue(shopper);
        if (hashValue == null || variationKeys.size() < 2) {
            return Assignment.OUT;
        }
        if (namespaceId != null
                && !GrowthBookHashing.inNamespace(hashValue, namespaceId, namespaceStart, namespaceEnd)) {
            return Assignment.OUT;
        }
        Double n = GrowthBookHashing.hash(seed, hashValue, hashVersion);
        if (n == null) {
            return Assignment.OUT;
        }
        int variation = GrowthBookHashing.chooseVariation(n, ranges);
        return variation < 0 ? new Assignment(false, -1, n, true) : new Assignment(true, variation, n, true);
    }
}
