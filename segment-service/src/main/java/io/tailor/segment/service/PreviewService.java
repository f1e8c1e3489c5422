package io.tailor.segment.service;

import com.google.protobuf.Message;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.rules.RuleEngine;
import io.tailor.rules.RuleInputs;
import io.tailor.segment.config.EvaluationPool;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.domain.RfmModel;
import io.tailor.segment.domain.RuleScan;
import io.tailor.segment.domain.SegmentEvaluator;
import io.tailor.segment.domain.SegmentRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Previews a segment before it is saved: how many of the current profiles match, and a sample of them with the
 * values the rule read, evaluated over the in-memory profiles on every core (the same evaluation a backfill makes,
 * so the count is what the segment's size becomes).
 */
@ApplicationScoped
public class PreviewService {

    /**
     * What to preview: a rule or a template with parameters (as when saving), and for request segments the page.
     *
     * @param sample how many matching profiles to show (default 20, at most 100)
     */
    public record PreviewRequest(
            String rule,
            String template,
            Map<String, String> parameters,
            String scope,
            RequestContext context,
            Integer sample) {}

    /** A matching profile and the values the rule read. */
    public record SampleShopper(String profileId, Map<String, Object> values) {}

    /**
     * @param profiles how many profiles were evaluated
     * @param matching how many match
     * @param share matching / profiles (0 when there are none)
     * @param errors profiles whose evaluation failed (they count as not matching); firstError says why
     * @param rfmComputedAt when the RFM boundaries used were computed
     */
    public record PreviewResult(
            String rule,
            String scope,
            List<String> fields,
            long profiles,
            long matching,
            double share,
            long errors,
            String firstError,
            List<SampleShopper> sample,
            Instant evaluatedAt,
            Instant rfmComputedAt,
            long tookMillis) {}

    private final SegmentAdminService admin;
    private final RuleEngine engine;
    private final ProfileIndex index;
    private final ProfileIndexService loader;
    private final RfmService rfm;
    private final ForkJoinPool pool;
    private final Clock clock;
    private final SegmentConfig.Preview config;

    public PreviewService(
            SegmentAdminService admin,
            RuleEngine engine,
            ProfileIndex index,
            ProfileIndexService loader,
            RfmService rfm,
            EvaluationPool pool,
            Clock clock,
            SegmentConfig config) {
        this.admin = admin;
        this.engine = engine;
        this.index = index;
        this.loader = loader;
        this.rfm = rfm;
        this.pool = pool.pool();
        this.clock = clock;
        this.config = config.preview();
    }

    public Uni<PreviewResult> preview(PreviewRequest request) {
        if (request == null) {
            throw ProblemException.invalid("", "a rule or a template to preview is required");
        }
        List<Violation> v = new ArrayList<>();
        int sample = request.sample() == null ? config.defaultSample() : request.sample();
        if (sample < 0 || sample > config.maxSample()) {
            v.add(new Violation("sample", "between 0 and " + config.maxSample()));
        }
        SegmentAdminService.Resolved resolved = admin.resolveRule(
                new SegmentInput(
                        "preview",
                        null,
                        request.rule(),
                        request.template(),
                        request.parameters(),
                        request.scope(),
                        null,
                        true),
                v);
        if (v.isEmpty() && request.context() != null && !"request".equals(resolved.scope())) {
            v.add(new Violation("context", "only request segments read the page; leave it out"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        boolean requestScoped = "request".equals(resolved.scope());
        RuleEngine.Compiled rule = engine.compile(
                        resolved.rule(), requestScoped ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE, "rule")
                .rule();
        SegmentRule segment = SegmentRule.of("preview", "preview", 0, rule, null, requestScoped);
        Message page = requestScoped
                ? RuleInputs.request(request.context() == null ? RequestContext.EMPTY : request.context())
                : null;
        return run(segment, page, sample);
    }

    /** Previews a stored segment's definition (what its size becomes once its backfill has run). */
    public Uni<PreviewResult> preview(String key, Integer sampleSize) {
        int sample = sampleSize == null ? config.defaultSample() : sampleSize;
        if (sample < 0 || sample > config.maxSample()) {
            throw ProblemException.invalid("sample", "between 0 and " + config.maxSample());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(
                        () -> io.tailor.segment.Segment.<io.tailor.segment.Segment>findById(key))
                .flatMap(s -> {
                    if (s == null) {
                        throw ProblemException.notFound("No segment " + key);
                    }
                    boolean requestScoped = "request".equals(s.scope);
                    RuleEngine.Compilation c = engine.compile(
                            s.rule, requestScoped ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE, "rule");
                    if (!c.ok()) {
                        throw ProblemException.conflict(
                                "The stored rule of " + key + " no longer compiles: " + c.problems());
                    }
                    SegmentRule segment = SegmentRule.of(s.key, s.name, s.version, c.rule(), null, requestScoped);
                    Message page = requestScoped ? RuleInputs.request(RequestContext.EMPTY) : null;
                    return run(segment, page, sample);
                });
    }

    private Uni<PreviewResult> run(SegmentRule segment, Message page, int sample) {
        if (!loader.isReady()) {
            throw new ProblemException(
                    503,
                    "service-unavailable",
                    "Profiles still loading",
                    "The stored profiles are still being loaded into memory; retry in a few seconds",
                    List.of());
        }
        return Uni.createFrom()
                .item(() -> {
                    long started = System.nanoTime();
                    Instant now = clock.instant();
                    RfmModel scores = rfm.model();
                    RuleScan.Result r =
                            RuleScan.run(engine, segment, index.snapshot(), scores, page, now, sample, false, pool);
                    List<SampleShopper> shown = new ArrayList<>();
                    for (String id : r.sample()) {
                        index.get(id)
                                .ifPresent(e -> shown.add(new SampleShopper(
                                        id,
                                        SegmentEvaluator.values(
                                                segment.rule(),
                                                segment.projection().profile(e.input(), scores.scores(e.facts())),
                                                page))));
                    }
                    return new PreviewResult(
                            segment.rule().source(),
                            segment.requestScoped() ? "request" : "profile",
                            segment.rule().fields(),
                            r.evaluated(),
                            r.matched(),
                            r.evaluated() == 0 ? 0 : Math.round(r.matched() * 10_000.0 / r.evaluated()) / 10_000.0,
                            r.errors(),
                            r.firstError(),
                            shown,
                            now,
                            scores.computedAt(),
                            (System.nanoTime() - started) / 1_000_000);
                })
                .runSubscriptionOn(pool);
    }
}
