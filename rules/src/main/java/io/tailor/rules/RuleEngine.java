package io.tailor.rules;

import com.google.protobuf.Message;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.tailor.contracts.event.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles and evaluates segment rules written in CEL (the dev.cel library). A rule is parsed and type-checked
 * against the {@link RuleSchema} at save time; its evaluation is bounded (expression size, nesting depth, node
 * count, comprehension iterations), so no rule can be too costly to run on every profile change.
 */
public final class RuleEngine {

    /** The largest rule accepted, in characters. */
    public static final int MAX_RULE_LENGTH = 4_000;

    /** The scope of a rule: what it may read. */
    public enum Scope {
        /** profile and now: evaluated on every profile change and on schedule. */
        PROFILE,
        /** request, profile and now: evaluated per decision. */
        REQUEST
    }

    private final CelCompiler profileCompiler;
    private final CelCompiler requestCompiler;
    private final CelCompiler wakeUpCompiler;
    private final CelRuntime runtime;

    public RuleEngine() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_RULE_LENGTH)
                .maxParseRecursionDepth(32)
                .maxParseExpressionNodeCount(500)
                .comprehensionMaxIterations(1_000)
                .maxRegexProgramSize(1_000)
                .build();
        profileCompiler = compiler(options, false, SimpleType.BOOL);
        requestCompiler = compiler(options, true, SimpleType.BOOL);
        wakeUpCompiler = compiler(options, false, SimpleType.DYN);
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addFileTypes(RuleSchema.file())
                .build();
    }

    private static CelCompiler compiler(CelOptions options, boolean withRequest, dev.cel.common.types.CelType result) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addFileTypes(RuleSchema.file())
                .addVar(
                        "profile",
                        StructTypeReference.create(RuleSchema.profile().getFullName()))
                .addVar("now", SimpleType.TIMESTAMP)
                .setResultType(result);
        if (withRequest) {
            builder.addVar(
                    "request", StructTypeReference.create(RuleSchema.request().getFullName()));
        }
        return builder.build();
    }

    /**
     * A rule that type-checked, ready to evaluate.
     *
     * @param fields the paths the rule reads ({@code profile.cart.updatedAt}), sorted
     * @param cost the estimated evaluation cost ({@link RuleAnalysis})
     */
    public record Compiled(String source, Scope scope, CelRuntime.Program program, List<String> fields, long cost) {

        public Compiled(String source, Scope scope, CelRuntime.Program program) {
            this(source, scope, program, List.of(), 0);
        }

        /** Whether the rule reads any field below {@code prefix} (e.g. {@code profile.rfm}). */
        public boolean reads(String prefix) {
            return fields.stream()
                    .anyMatch(f -> f.equals(prefix) || f.startsWith(prefix + ".") || prefix.startsWith(f + "."));
        }
    }

    /** The outcome of compiling: the rule, or every problem with its line and column. */
    public record Compilation(Compiled rule, List<Violation> problems, dev.cel.common.types.CelType resultType) {

        public Compilation(Compiled rule, List<Violation> problems) {
            this(rule, problems, null);
        }

        public boolean ok() {
            return rule != null;
        }
    }

    /** Compiles a wake-up expression: a timestamp or a list of timestamps computed from the profile. */
    public Compilation compileWakeUp(String source, String field) {
        Compilation c = compile(source, wakeUpCompiler, Scope.PROFILE, field);
        if (c.ok() && c.resultType != null && !instants(c.resultType)) {
            return new Compilation(
                    null,
                    List.of(new Violation(
                            field,
                            "a wake-up must give a timestamp or a list of timestamps, not " + c.resultType.name())));
        }
        return c;
    }

    /** Whether a wake-up's type can hold instants: a timestamp, a (nested) list of them, or dyn. */
    private static boolean instants(dev.cel.common.types.CelType type) {
        return switch (type.kind()) {
            case TIMESTAMP, DYN, ANY -> true;
            case LIST ->
                type.parameters().isEmpty() || instants(type.parameters().getFirst());
            default -> false;
        };
    }

    /** The instants a wake-up expression gives for a profile (empty when it fails or gives none). */
    public java.util.List<Instant> wakeUps(Compiled expression, Message profile, Instant now) {
        try {
            Object result = expression.program().eval(Map.of("profile", profile, "now", RuleInputs.ts(now)));
            java.util.List<Instant> instants = new ArrayList<>();
            collectInstants(result, instants);
            return instants;
        } catch (CelEvaluationException e) {
            return java.util.List.of();
        }
    }

    private static void collectInstants(Object value, java.util.List<Instant> out) {
        if (value instanceof com.google.protobuf.Timestamp t) {
            out.add(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
        } else if (value instanceof Instant i) {
            out.add(i);
        } else if (value instanceof Iterable<?> many) {
            many.forEach(v -> collectInstants(v, out));
        }
    }

    public Compilation compile(String source, Scope scope, String field) {
        return compile(source, scope == Scope.REQUEST ? requestCompiler : profileCompiler, scope, field);
    }

    private Compilation compile(String source, CelCompiler compiler, Scope scope, String field) {
        List<Violation> problems = new ArrayList<>();
        if (source == null || source.isBlank()) {
            problems.add(new Violation(field, "a rule is required"));
            return new Compilation(null, problems);
        }
        if (source.length() > MAX_RULE_LENGTH) {
            problems.add(new Violation(field, "a rule may be at most " + MAX_RULE_LENGTH + " characters"));
            return new Compilation(null, problems);
        }
        try {
            CelAbstractSyntaxTree ast = compiler.compile(source).getAst();
            RuleAnalysis.Result analysis = RuleAnalysis.of(ast.getExpr());
            if (analysis.cost() > RuleAnalysis.MAX_COST) {
                problems.add(new Violation(
                        field,
                        "the rule is too costly to evaluate on every profile change: estimated " + analysis.cost()
                                + " steps, at most " + RuleAnalysis.MAX_COST
                                + " (avoid nesting macros such as exists() over long lists)"));
                return new Compilation(null, problems);
            }
            return new Compilation(
                    new Compiled(source, scope, runtime.createProgram(ast), analysis.fields(), analysis.cost()),
                    List.of(),
                    ast.getResultType());
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors()) {
                var at = issue.getSourceLocation();
                String where =
                        at.getLine() > 0 ? " (line " + at.getLine() + ", column " + (at.getColumn() + 1) + ")" : "";
                problems.add(new Violation(field, issue.getMessage() + where));
            }
            if (problems.isEmpty()) {
                problems.add(new Violation(field, e.getMessage()));
            }
            return new Compilation(null, problems);
        } catch (dev.cel.common.CelException e) {
            problems.add(new Violation(field, e.getMessage()));
            return new Compilation(null, problems);
        }
    }

    /**
     * Evaluates a rule. A rule that fails at run time (say, a missing map key) counts as not matching, and the
     * failure is returned for the explain API.
     */
    public Outcome evaluate(Compiled rule, Message profile, Message request, Instant now) {
        Map<String, Object> vars = request == null
                ? Map.of("profile", profile, "now", RuleInputs.ts(now))
                : Map.of("profile", profile, "request", request, "now", RuleInputs.ts(now));
        try {
            Object result = rule.program().eval(vars);
            return new Outcome(Boolean.TRUE.equals(result), null);
        } catch (CelEvaluationException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    /**
     * @param error why the rule could not be evaluated, when it could not
     */
    public record Outcome(boolean matches, String error) {}
}
