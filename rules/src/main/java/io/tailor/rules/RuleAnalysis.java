package io.tailor.rules;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a type-checked rule reads and how much work it may take, found by walking its syntax tree once at save time.
 *
 * <p>Fields: every path below {@code profile} or {@code request} the rule selects ({@code profile.cart.updatedAt});
 * inside a macro such as {@code profile.purchases.exists(p, p.productId == 'x')} the iterated field
 * ({@code profile.purchases}) is what is read.
 *
 * <p>Cost: an upper bound of the evaluation steps, counting one per node, more for regular expressions and string
 * searches, and multiplying the body of each macro by the most elements its list can hold ({@link #BOUNDS}: what
 * profile-service keeps at most). Nested macros over long lists multiply, which is what makes a rule too costly.
 */
public final class RuleAnalysis {

    /** The largest estimated cost a rule may have. */
    public static final long MAX_COST = 10_000;

    /** Iterations assumed for a list whose size is not known (the runtime's iteration budget). */
    static final long UNKNOWN_BOUND = 1_000;

    /**
     * The most elements each repeated or map field holds (profile-service's limits: 200 purchases and cart lines,
     * 20 recently viewed, 50 affinity keys; replenishment holds at most one element per purchase).
     */
    static final Map<String, Long> BOUNDS = Map.ofEntries(
            Map.entry("profile.purchases", 200L),
            Map.entry("profile.replenishment", 200L),
            Map.entry("profile.recentlyViewed", 20L),
            Map.entry("profile.cart.productIds", 200L),
            Map.entry("profile.cart.categories", 50L),
            Map.entry("profile.categoryAffinity", 50L),
            Map.entry("profile.brandAffinity", 50L),
            Map.entry("profile.priceBandAffinity", 5L),
            Map.entry("profile.traits", 100L),
            Map.entry("request.categoryPath", 10L),
            Map.entry("request.cartProductIds", 200L));

    private static final Set<String> ROOTS = Set.of("profile", "request");
    private static final Set<String> REGEX = Set.of("matches");
    private static final Set<String> STRING_SEARCH = Set.of("contains", "startsWith", "endsWith", "lowerAscii");

    private final Set<String> fields = new TreeSet<>();
    private final Map<String, String> iterated = new HashMap<>();

    private RuleAnalysis() {}

    /** The outcome: the fields read (sorted) and the estimated cost. */
    public record Result(List<String> fields, long cost) {}

    public static Result of(CelExpr expr) {
        RuleAnalysis analysis = new RuleAnalysis();
        long cost = analysis.cost(expr);
        return new Result(List.copyOf(analysis.fields), cost);
    }

    private long cost(CelExpr e) {
        return switch (e.getKind()) {
            case CONSTANT, NOT_SET -> 1;
            case IDENT -> {
                String path = iterated.get(e.ident().name());
                if (path == null && ROOTS.contains(e.ident().name())) {
                    fields.add(e.ident().name());
                }
                yield 1;
            }
            case SELECT -> {
                String path = path(e);
                if (path != null) {
                    fields.add(path);
                    yield 1;
                }
                yield 1 + cost(e.select().operand());
            }
            case CALL -> {
                long c = 1;
                if (e.call().target().isPresent()) {
                    c += cost(e.call().target().get());
                }
                for (CelExpr arg : e.call().args()) {
                    c += cost(arg);
                }
                if (REGEX.contains(e.call().function())) {
                    c += 50;
                } else if (STRING_SEARCH.contains(e.call().function())) {
                    c += 5;
                }
                yield c;
            }
            case LIST -> 1 + sum(e.list().elements());
            case MAP -> {
                long c = 1;
                for (CelExpr.CelMap.Entry entry : e.map().entries()) {
                    c += cost(entry.key()) + cost(entry.value());
                }
                yield c;
            }
            case STRUCT -> {
                long c = 1;
                for (CelExpr.CelStruct.Entry entry : e.struct().entries()) {
                    c += cost(entry.value());
                }
                yield c;
            }
            case COMPREHENSION -> comprehension(e.comprehension());
        };
    }

    private long comprehension(CelExpr.CelComprehension c) {
        CelExpr range = c.iterRange();
        long rangeCost = cost(range);
        String rangePath = path(range);
        long bound = bound(range);
        String before = iterated.put(c.iterVar(), rangePath == null ? "" : rangePath);
        long body = cost(c.loopCondition()) + cost(c.loopStep());
        restore(c.iterVar(), before);
        return rangeCost + cost(c.accuInit()) + bound * body + cost(c.result());
    }

    /** The most elements a list expression can have: known fields, literals, and maps or filters of those. */
    private long bound(CelExpr range) {
        String path = path(range);
        if (path != null) {
            return BOUNDS.getOrDefault(path, UNKNOWN_BOUND);
        }
        return switch (range.getKind()) {
            case LIST -> range.list().elements().size();
            // map() and filter() give at most as many elements as they iterate
            case COMPREHENSION -> bound(range.comprehension().iterRange());
            default -> UNKNOWN_BOUND;
        };
    }

    private void restore(String variable, String before) {
        if (before == null) {
            iterated.remove(variable);
        } else {
            iterated.put(variable, before);
        }
    }

    private long sum(List<CelExpr> exprs) {
        long c = 0;
        for (CelExpr e : exprs) {
            c += cost(e);
        }
        return c;
    }

    /** The dotted path of a select chain rooted at profile or request; null for anything else. */
    private String path(CelExpr e) {
        List<String> parts = new ArrayList<>();
        CelExpr at = e;
        while (at.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            parts.addFirst(at.select().field());
            at = at.select().operand();
        }
        if (at.getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String root = at.ident().name();
        if (iterated.containsKey(root)) {
            String range = iterated.get(root);
            return range.isEmpty() ? null : range;
        }
        if (!ROOTS.contains(root)) {
            return null;
        }
        return parts.isEmpty() ? root : root + "." + String.join(".", parts);
    }
}
