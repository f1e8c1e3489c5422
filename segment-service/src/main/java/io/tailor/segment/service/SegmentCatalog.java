package io.tailor.segment.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.Segment;
import io.tailor.segment.domain.SegmentRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Every segment, with the enabled ones compiled, in memory. Reloaded after every change made here and every few
 * seconds (changes made by other replicas). Rules were type-checked when saved, so compiling them again cannot fail
 * unless the schema changed; such a segment is skipped and logged.
 */
@ApplicationScoped
public class SegmentCatalog {

    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class);

    private record State(
            List<SegmentRule> profile,
            List<SegmentRule> request,
            Map<String, SegmentRule> live,
            Map<String, Boolean> known) {}

    private final RuleEngine engine;
    private volatile State state = new State(List.of(), List.of(), Map.of(), Map.of());
    private final AtomicLong started = new AtomicLong();
    private long installed;

    public SegmentCatalog(RuleEngine engine) {
        this.engine = engine;
    }

    @Scheduled(every = "${segment.catalog-refresh:5s}", delayed = "5s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(f -> LOG.warnf("Segments not refreshed: %s", f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<Void> reload() {
        return Uni.createFrom().item(started::incrementAndGet).flatMap(reload -> Panache.withSession(
                        () -> Segment.<Segment>list("order by key"))
                .invoke(all -> replace(reload, all))
                .replaceWithVoid());
    }

    /**
     * Installs what a reload read, unless a reload that started later (and so read at least as much) was installed
     * first: the periodic refresh must not put back the catalog as it was before a segment was saved here.
     */
    private synchronized void replace(long reload, List<Segment> all) {
        if (reload < installed) {
            return;
        }
        installed = reload;
        Map<String, SegmentRule> current = state.live(); // unchanged versions are not compiled again
        List<SegmentRule> profile = new ArrayList<>();
        List<SegmentRule> request = new ArrayList<>();
        Map<String, SegmentRule> live = new HashMap<>();
        Map<String, Boolean> known = new HashMap<>();
        for (Segment s : all) {
            known.put(s.key, s.enabled);
            if (!s.enabled) {
                continue;
            }
            SegmentRule rule = current.get(s.key);
            if (rule == null || !same(rule, s)) {
                rule = compile(s);
            }
            if (rule == null) {
                continue;
            }
            live.put(s.key, rule);
            (rule.requestScoped() ? request : profile).add(rule);
        }
        state = new State(List.copyOf(profile), List.copyOf(request), Map.copyOf(live), Map.copyOf(known));
    }

    private static boolean same(SegmentRule rule, Segment s) {
        return rule.version() == s.version
                && rule.name().equals(s.name)
                && rule.rule().source().equals(s.rule)
                && rule.requestScoped() == "request".equals(s.scope)
                && java.util.Objects.equals(
                        rule.wakeUp() == null ? null : rule.wakeUp().source(), s.wakeUp);
    }

    private SegmentRule compile(Segment s) {
        RuleEngine.Scope scope = "request".equals(s.scope) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE;
        RuleEngine.Compilation rule = engine.compile(s.rule, scope, "rule");
        RuleEngine.Compilation wakeUp = s.wakeUp == null ? null : engine.compileWakeUp(s.wakeUp, "wakeUp");
        if (!rule.ok() || (wakeUp != null && !wakeUp.ok())) {
            LOG.errorf(
                    "Segment %s no longer compiles and is skipped: %s %s",
                    s.key, rule.problems(), wakeUp == null ? "" : wakeUp.problems());
            return null;
        }
        return SegmentRule.of(
                s.key,
                s.name,
                s.version,
                rule.rule(),
                wakeUp == null ? null : wakeUp.rule(),
                scope == RuleEngine.Scope.REQUEST);
    }

    /** Enabled profile segments (kept in Redis). */
    public List<SegmentRule> profileSegments() {
        return state.profile();
    }

    /** Enabled request segments (decided per page). */
    public List<SegmentRule> requestSegments() {
        return state.request();
    }

    /** An enabled segment. */
    public Optional<SegmentRule> get(String key) {
        return Optional.ofNullable(state.live().get(key));
    }

    /** Whether a segment of that key exists at all (enabled or not), as of the last reload. */
    public boolean known(String key) {
        return state.known().containsKey(key);
    }
}
