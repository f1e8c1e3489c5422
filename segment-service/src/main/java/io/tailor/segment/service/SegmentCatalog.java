package io.tailor.segment.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every enabled segment with its compiled rule, in memory. Reloaded after every change made here and every few
 * seconds (changes made by other replicas). Rules were type-checked when saved, so compiling them again cannot fail
 * unless the schema changed; such a segment is skipped and logged.
 */
@ApplicationScoped
public class SegmentCatalog {

    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class);

    /** An enabled segment ready to evaluate. */
    public record Live(
            String key,
            String name,
            int version,
            RuleEngine.Compiled rule,
            RuleEngine.Compiled wakeUp,
            boolean requestScoped) {}

    private final RuleEngine engine;
    private volatile List<Live> segments = List.of();

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
        return Panache.withSession(() -> Segment.<Segment>list("enabled = true order by key"))
                .invoke(all -> {
                    List<Live> live = new ArrayList<>();
                    for (Segment s : all) {
                        RuleEngine.Scope scope =
                                "request".equals(s.scope) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE;
                        RuleEngine.Compilation rule = engine.compile(s.rule, scope, "rule");
                        RuleEngine.Compilation wakeUp =
                                s.wakeUp == null ? null : engine.compileWakeUp(s.wakeUp, "wakeUp");
                        if (!rule.ok() || (wakeUp != null && !wakeUp.ok())) {
                            LOG.errorf("Segment %s no longer compiles and is skipped: %s", s.key, rule.problems());
                            continue;
                        }
                        live.add(new Live(
                                s.key,
                                s.name,
                                s.version,
                                rule.rule(),
                                wakeUp == null ? null : wakeUp.rule(),
                                scope == RuleEngine.Scope.REQUEST));
                    }
                    segments = List.copyOf(live);
                })
                .replaceWithVoid();
    }

    public List<Live> profileSegments() {
        return segments.stream().filter(s -> !s.requestScoped()).toList();
    }

    public List<Live> requestSegments() {
        return segments.stream().filter(Live::requestScoped).toList();
    }

    public java.util.Optional<Live> get(String key) {
        return segments.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
