package io.tailor.segment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.Segment;
import io.tailor.segment.cache.MembershipStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates and changes segments. A definition is checked whole (name, rule type-checked against the schema, wake-up
 * expression) before anything is stored; every saved change becomes a new version.
 */
@ApplicationScoped
public class SegmentAdminService {

    private static final Logger LOG = Logger.getLogger(SegmentAdminService.class);
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    private final RuleEngine engine;
    private final SegmentCatalog catalog;
    private final MembershipStore memberships;
    private final ObjectMapper mapper;
    private final boolean installStarters;

    public SegmentAdminService(
            RuleEngine engine,
            SegmentCatalog catalog,
            MembershipStore memberships,
            ObjectMapper mapper,
            @ConfigProperty(name = "segment.install-starter-segments", defaultValue = "true") boolean installStarters) {
        this.engine = engine;
        this.catalog = catalog;
        this.memberships = memberships;
        this.mapper = mapper;
        this.installStarters = installStarters;
    }

    /** A fresh installation starts with the starter segments; the catalogue is loaded either way. */
    void start(@Observes StartupEvent started) throws Throwable {
        if (installStarters) {
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> Segment.count().flatMap(n -> {
                        if (n > 0) {
                            return Uni.createFrom().voidItem();
                        }
                        List<Uni<Segment>> created = new ArrayList<>();
                        for (String key : SegmentTemplates.starters()) {
                            SegmentTemplates.Template t =
                                    SegmentTemplates.get(key).orElseThrow();
                            SegmentInput input =
                                    new SegmentInput(t.name(), t.description(), null, key, Map.of(), null, null, true);
                            created.add(storeNew(key, resolve(key, input)));
                        }
                        LOG.infof("Installed the starter segments %s", SegmentTemplates.starters());
                        return Uni.join().all(created).andFailFast().replaceWithVoid();
                    })));
        }
        VertxContextSupport.subscribeAndAwait(catalog::reload);
    }

    /** A checked definition ready to store. */
    record Resolved(
            SegmentInput input,
            String rule,
            String wakeUp,
            String scope,
            String template,
            Map<String, String> parameters) {}

    Resolved resolve(String key, SegmentInput input) {
        List<Violation> v = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            v.add(new Violation("key", "a segment key: lower-case letters, digits, _ or - (max 64)"));
        }
        if (input == null) {
            throw ProblemException.invalid("", "a segment definition is required");
        }
        if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
            v.add(new Violation("name", "is required (max 200 characters)"));
        }
        if (input.description() != null && input.description().length() > 2000) {
            v.add(new Violation("description", "may be at most 2000 characters"));
        }
        String rule = input.rule();
        String wakeUp = input.wakeUp();
        String scope = input.scope() == null ? "profile" : input.scope();
        Map<String, String> parameters = input.parameters() == null ? Map.of() : input.parameters();
        if (input.template() != null) {
            SegmentTemplates.Template t = SegmentTemplates.get(input.template()).orElse(null);
            if (t == null) {
                v.add(new Violation(
                        "template",
                        "unknown template; known: "
                                + String.join(
                                        ", ",
                                        SegmentTemplates.all().stream()
                                                .map(SegmentTemplates.Template::key)
                                                .toList())));
            } else if (rule != null) {
                v.add(new Violation("rule", "give either a rule or a template, not both"));
            } else {
                for (Map.Entry<String, String> p : parameters.entrySet()) {
                    if (!t.defaults().containsKey(p.getKey())) {
                        v.add(new Violation(
                                "parameters." + p.getKey(),
                                "not a parameter of " + t.key() + "; parameters: "
                                        + String.join(", ", t.defaults().keySet())));
                    } else if (p.getValue() == null || !p.getValue().matches("[A-Za-z0-9_.\\-]{1,64}")) {
                        v.add(new Violation("parameters." + p.getKey(), "letters, digits, _ . or - (max 64)"));
                    }
                }
                rule = t.rule(parameters);
                wakeUp = wakeUp == null ? t.wakeUp(parameters) : wakeUp;
                scope = t.scope();
            }
        }
        if (!"profile".equals(scope) && !"request".equals(scope)) {
            v.add(new Violation("scope", "must be profile or request"));
        } else if (v.stream()
                .noneMatch(x -> x.field().startsWith("parameters") || x.field().equals("template"))) {
            RuleEngine.Compilation c = engine.compile(
                    rule, "request".equals(scope) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE, "rule");
            v.addAll(c.problems());
            if (wakeUp != null) {
                v.addAll(engine.compileWakeUp(wakeUp, "wakeUp").problems());
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new Resolved(input, rule, wakeUp, scope, input.template(), parameters);
    }

    /** Creates a segment, or saves a new version of it. */
    public Uni<SegmentView> put(String key, SegmentInput input) {
        Resolved resolved = resolve(key, input);
        return Panache.withTransaction(() -> Segment.<Segment>findById(key)
                        .flatMap(existing ->
                                existing == null ? storeNew(key, resolved) : storeVersion(existing, resolved)))
                .call(catalog::reload)
                .flatMap(this::view);
    }

    private Uni<Segment> storeNew(String key, Resolved r) {
        Segment s = new Segment();
        s.key = key;
        s.version = 0;
        s.createdAt = Instant.now();
        apply(s, r);
        return s.<Segment>persist().call(this::saveVersion);
    }

    private Uni<Segment> storeVersion(Segment s, Resolved r) {
        apply(s, r);
        return Uni.createFrom().item(s).call(this::saveVersion);
    }

    private void apply(Segment s, Resolved r) {
        s.name = r.input().name();
        s.description = r.input().description();
        s.rule = r.rule();
        s.wakeUp = r.wakeUp();
        s.scope = r.scope();
        s.template = r.template();
        s.parameters = json(r.parameters());
        s.enabled = r.input().enabled() == null || r.input().enabled();
        s.version++;
        s.updatedAt = Instant.now();
    }

    private Uni<Void> saveVersion(Segment s) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "INSERT INTO segment_version (segment_key, version, rule, enabled, saved_at)"
                                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, s.key)
                        .setParameter(2, s.version)
                        .setParameter(3, s.rule)
                        .setParameter(4, s.enabled)
                        .setParameter(5, s.updatedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<SegmentView>> list() {
        return Segment.<Segment>list("order by key").flatMap(all -> memberships
                .sizes(all.stream().map(s -> s.key).toList())
                .map(sizes -> all.stream().map(s -> view(s, sizes.get(s.key))).toList()));
    }

    @WithSession
    public Uni<SegmentView> get(String key) {
        return Segment.<Segment>findById(key).flatMap(s -> {
            if (s == null) {
                throw ProblemException.notFound("No segment " + key);
            }
            return view(s);
        });
    }

    private Uni<SegmentView> view(Segment s) {
        return memberships.sizes(List.of(s.key)).map(sizes -> view(s, sizes.get(s.key)));
    }

    private SegmentView view(Segment s, Long size) {
        return new SegmentView(
                s.key,
                s.name,
                s.description,
                s.rule,
                s.wakeUp,
                s.scope,
                s.template,
                parameters(s.parameters),
                s.enabled,
                s.version,
                "profile".equals(s.scope) ? size : null,
                s.createdAt,
                s.updatedAt);
    }

    private Map<String, String> parameters(String json) {
        try {
            return json == null
                    ? Map.of()
                    : mapper.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
