package io.tailor.segment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.rules.RuleEngine;
import io.tailor.segment.Segment;
import io.tailor.segment.cache.MembershipStore;
import io.tailor.segment.client.SegmentUsersClient;
import io.tailor.segment.config.SegmentConfig;
import io.tailor.segment.domain.SegmentRule;
import io.tailor.segment.domain.SegmentTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creates, changes, enables, disables and deletes segments. A definition is checked whole (key, unique name, rule
 * type-checked against the schema and within the cost limit, wake-up expression, template parameters) before
 * anything is stored; every saved change becomes a new version. After a change that can move members, the stored
 * profiles are re-evaluated for the segment in the background ({@link BackfillService}).
 */
@ApplicationScoped
public class SegmentAdminService {

    private static final Logger LOG = Logger.getLogger(SegmentAdminService.class);
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

    /** Keys that name API paths below /v1/segments. */
    static final Set<String> RESERVED = Set.of("templates", "preview", "rfm", "schema");

    private final RuleEngine engine;
    private final SegmentCatalog catalog;
    private final MembershipStore memberships;
    private final BackfillService backfills;
    private final SegmentUsersClient users;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final boolean installStarters;

    public SegmentAdminService(
            RuleEngine engine,
            SegmentCatalog catalog,
            MembershipStore memberships,
            BackfillService backfills,
            SegmentUsersClient users,
            ObjectMapper mapper,
            Clock clock,
            SegmentConfig config) {
        this.engine = engine;
        this.catalog = catalog;
        this.memberships = memberships;
        this.backfills = backfills;
        this.users = users;
        this.mapper = mapper;
        this.clock = clock;
        this.installStarters = config.installStarterSegments();
    }

    /** A fresh installation starts with the starter segments; the catalogue is loaded either way. */
    void start(@Observes StartupEvent started) throws Throwable {
        if (installStarters) {
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> Segment.count().flatMap(n -> {
                        if (n > 0) {
                            return Uni.createFrom().voidItem();
                        }
                        Uni<Void> created = Uni.createFrom().voidItem();
                        for (String key : SegmentTemplates.starters()) {
                            SegmentTemplates.Template t =
                                    SegmentTemplates.get(key).orElseThrow();
                            SegmentInput input = new SegmentInput(
                                    t.name(), t.description(Map.of()), null, key, Map.of(), null, null, true);
                            Resolved resolved = resolve(key, input);
                            // one after the other: a reactive session runs one operation at a time
                            created =
                                    created.chain(() -> storeNew(key, resolved)).replaceWithVoid();
                        }
                        LOG.infof("Installed the starter segments %s", SegmentTemplates.starters());
                        return created;
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

    /** Checks a definition whole; every problem is reported at once, with the field it concerns. */
    Resolved resolve(String key, SegmentInput input) {
        List<Violation> v = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            v.add(new Violation("key", "a segment key: lower-case letters, digits, _ or - (max 64)"));
        } else if (RESERVED.contains(key)) {
            v.add(new Violation("key", "reserved for the API; choose another key"));
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
        if (input.expectedVersion() != null && input.expectedVersion() < 0) {
            v.add(new Violation("expectedVersion", "a version number (0 for a new segment)"));
        }
        Resolved resolved = resolveRule(input, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return resolved;
    }

    /**
     * Checks the rule part of a definition (rule or template with parameters, scope, wake-up), adding every problem
     * to {@code v}; also used by previews.
     */
    Resolved resolveRule(SegmentInput input, List<Violation> v) {
        String rule = input.rule();
        String wakeUp = input.wakeUp();
        String scope = input.scope() == null ? "profile" : input.scope();
        Map<String, String> parameters = input.parameters() == null ? Map.of() : input.parameters();
        boolean templateProblem = false;
        if (input.template() != null) {
            SegmentTemplates.Template t = SegmentTemplates.get(input.template()).orElse(null);
            if (t == null) {
                templateProblem = true;
                v.add(new Violation(
                        "template",
                        "unknown template; known: "
                                + String.join(
                                        ", ",
                                        SegmentTemplates.all().stream()
                                                .map(SegmentTemplates.Template::key)
                                                .toList())));
            } else if (rule != null) {
                templateProblem = true;
                v.add(new Violation("rule", "give either a rule or a template, not both"));
            } else {
                List<Violation> problems = t.check(parameters);
                if (!problems.isEmpty()) {
                    templateProblem = true;
                    v.addAll(problems);
                } else {
                    rule = t.rule(parameters);
                    wakeUp = wakeUp == null ? t.wakeUp(parameters) : wakeUp;
                    if (input.scope() != null && !input.scope().equals(t.scope())) {
                        v.add(new Violation("scope", "template " + t.key() + " is " + t.scope() + "-scoped"));
                    }
                    scope = t.scope();
                    parameters = t.effective(parameters);
                }
            }
        } else if (!parameters.isEmpty()) {
            v.add(new Violation("parameters", "parameters belong to a template; give a template or leave them out"));
        }
        if (!"profile".equals(scope) && !"request".equals(scope)) {
            v.add(new Violation("scope", "must be profile or request"));
        } else if (!templateProblem) {
            RuleEngine.Compilation c = engine.compile(
                    rule, "request".equals(scope) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE, "rule");
            v.addAll(c.problems());
            if (wakeUp != null) {
                if ("request".equals(scope)) {
                    v.add(new Violation("wakeUp", "request segments are decided per page and have no wake-up"));
                } else {
                    v.addAll(engine.compileWakeUp(wakeUp, "wakeUp").problems());
                }
            }
        }
        return new Resolved(input, rule, wakeUp, scope, input.template(), parameters);
    }

    /** Creates a segment, or saves a new version of it. */
    public Uni<SegmentView> put(String key, SegmentInput input) {
        Resolved resolved = resolve(key, input);
        return Panache.withTransaction(() -> Segment.<Segment>findById(key).flatMap(existing -> {
                    int stored = existing == null ? 0 : existing.version;
                    if (input.expectedVersion() != null && input.expectedVersion() != stored) {
                        throw ProblemException.conflict("Segment " + key + " is at version " + stored + ", not "
                                + input.expectedVersion() + "; reload it and apply your change again");
                    }
                    return uniqueName(key, resolved.input().name()).flatMap(ok -> {
                        if (existing == null) {
                            return storeNew(key, resolved).map(s -> new Saved(s, true, "segment created"));
                        }
                        boolean moves = !Objects.equals(existing.rule, resolved.rule())
                                || !Objects.equals(existing.wakeUp, resolved.wakeUp())
                                || !Objects.equals(existing.scope, resolved.scope())
                                || existing.enabled != enabled(resolved);
                        return storeVersion(existing, resolved)
                                .map(s -> new Saved(s, moves, "segment edited (version " + s.version + ")"));
                    });
                }))
                .onFailure(SegmentAdminService::duplicateName)
                .transform(f -> ProblemException.conflict("A segment named '" + input.name() + "' already exists"))
                .call(catalog::reload)
                .invoke(saved -> {
                    if (saved.moves()) {
                        backfills.request(key, saved.cause());
                    }
                })
                .flatMap(saved -> view(saved.segment()));
    }

    private record Saved(Segment segment, boolean moves, String cause) {}

    /** Refuses a name another segment has (names compare without case). */
    private Uni<Void> uniqueName(String key, String name) {
        return Segment.<Segment>find("lower(name) = ?1 and key <> ?2", name.toLowerCase(Locale.ROOT), key)
                .firstResult()
                .map(other -> {
                    if (other != null) {
                        throw ProblemException.conflict("A segment named '" + other.name + "' already exists: "
                                + other.key + " (names are unique, whatever their case)");
                    }
                    return null;
                });
    }

    private static boolean duplicateName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("segment_name_unique")) {
                return true;
            }
        }
        return false;
    }

    private static boolean enabled(Resolved r) {
        return r.input().enabled() == null || r.input().enabled();
    }

    private Uni<Segment> storeNew(String key, Resolved r) {
        Segment s = new Segment();
        s.key = key;
        s.version = 0;
        s.createdAt = clock.instant();
        apply(s, r);
        return s.<Segment>persist().call(this::saveVersion);
    }

    private Uni<Segment> storeVersion(Segment s, Resolved r) {
        apply(s, r);
        return Uni.createFrom().item(s).call(this::saveVersion);
    }

    private void apply(Segment s, Resolved r) {
        s.name = r.input().name().strip();
        s.description = r.input().description();
        s.rule = r.rule();
        s.wakeUp = r.wakeUp();
        s.scope = r.scope();
        s.template = r.template();
        s.parameters = json(r.parameters());
        s.enabled = enabled(r);
        s.version++;
        s.updatedAt = clock.instant();
    }

    private Uni<Void> saveVersion(Segment s) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "INSERT INTO segment_version (segment_key, version, rule, enabled, saved_at,"
                                        + " name, wake_up, scope, template, parameters)"
                                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as jsonb))")
                        .setParameter(1, s.key)
                        .setParameter(2, s.version)
                        .setParameter(3, s.rule)
                        .setParameter(4, s.enabled)
                        .setParameter(5, s.updatedAt)
                        .setParameter(6, s.name)
                        .setParameter(7, s.wakeUp)
                        .setParameter(8, s.scope)
                        .setParameter(9, s.template)
                        .setParameter(10, s.parameters)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Enables or disables a segment (a new version); members are re-evaluated, or leave, in the background. */
    public Uni<SegmentView> setEnabled(String key, boolean enabled) {
        return Panache.withTransaction(() -> Segment.<Segment>findById(key).flatMap(s -> {
                    if (s == null) {
                        throw ProblemException.notFound("No segment " + key);
                    }
                    if (s.enabled == enabled) {
                        return Uni.createFrom().item(new Saved(s, false, null));
                    }
                    s.enabled = enabled;
                    s.version++;
                    s.updatedAt = clock.instant();
                    return saveVersion(s)
                            .replaceWith(new Saved(s, true, enabled ? "segment enabled" : "segment disabled"));
                }))
                .call(catalog::reload)
                .invoke(saved -> {
                    if (saved.moves()) {
                        backfills.request(key, saved.cause());
                    }
                })
                .flatMap(saved -> view(saved.segment()));
    }

    /**
     * The outcome of a delete.
     *
     * @param deleted whether the segment is gone
     * @param disabled whether it was disabled instead (force, while in use or while its users could not be checked)
     * @param usedBy the definitions that use it
     * @param warning what the caller should know
     */
    public record DeleteResult(String key, boolean deleted, boolean disabled, List<String> usedBy, String warning) {}

    /**
     * Deletes a segment no content or experiment uses. In use: 409 listing the users, or with {@code force} the
     * segment is disabled instead (members leave, the definition stays for its users to be changed). When a user
     * service cannot be asked: 503, or with {@code force} disabled instead. Members leave in the background.
     */
    public Uni<DeleteResult> delete(String key, boolean force) {
        return Panache.withSession(() -> Segment.<Segment>findById(key)).flatMap(found -> {
            if (found == null) {
                throw ProblemException.notFound("No segment " + key);
            }
            return users.usersOf(key).flatMap(usage -> {
                if (!usage.users().isEmpty()) {
                    if (force) {
                        return setEnabled(key, false)
                                .map(v -> new DeleteResult(
                                        key,
                                        false,
                                        true,
                                        usage.users(),
                                        "in use, so disabled instead of deleted: its members left; change the"
                                                + " users, then delete it"));
                    }
                    List<Violation> listed = usage.users().stream()
                            .map(u -> new Violation("usedBy", u))
                            .toList();
                    throw new ProblemException(
                            409,
                            "conflict",
                            "Segment in use",
                            "Segment " + key + " is used by " + usage.users().size()
                                    + " definition(s): " + String.join("; ", usage.users())
                                    + ". Change them first, or delete with ?force=true to disable it instead.",
                            listed);
                }
                if (!usage.unavailable().isEmpty()) {
                    if (force) {
                        return setEnabled(key, false)
                                .map(v -> new DeleteResult(
                                        key,
                                        false,
                                        true,
                                        List.of(),
                                        "could not check its users (" + String.join("; ", usage.unavailable())
                                                + "), so disabled instead of deleted"));
                    }
                    throw new ProblemException(
                            503,
                            "service-unavailable",
                            "Cannot check the segment's users",
                            "Nothing was deleted: " + String.join("; ", usage.unavailable())
                                    + ". Retry later, or delete with ?force=true to disable it instead.",
                            List.of());
                }
                return Panache.withTransaction(() -> Panache.getSession()
                                .flatMap(session -> session.createNativeQuery(
                                                "DELETE FROM segment_version WHERE segment_key = ?1")
                                        .setParameter(1, key)
                                        .executeUpdate())
                                .chain(() -> Segment.deleteById(key)))
                        .call(catalog::reload)
                        .invoke(() -> backfills.request(key, "segment deleted"))
                        .map(ignored -> new DeleteResult(key, true, false, List.of(), null));
            });
        });
    }

    /** Every saved version of a segment, newest first. */
    public Uni<List<SegmentVersionView>> versions(String key) {
        return Panache.withSession(() -> Segment.<Segment>findById(key).flatMap(s -> {
            if (s == null) {
                throw ProblemException.notFound("No segment " + key);
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "SELECT version, name, rule, wake_up, scope, template, parameters::text, enabled,"
                                    + " saved_at FROM segment_version WHERE segment_key = ?1 ORDER BY version DESC",
                            Object[].class)
                    .setParameter(1, key)
                    .getResultList()
                    .map(rows -> rows.stream().map(this::version).toList()));
        }));
    }

    private SegmentVersionView version(Object[] r) {
        return new SegmentVersionView(
                ((Number) r[0]).intValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                parameters((String) r[6]),
                (Boolean) r[7],
                instant(r[8]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.LocalDateTime l -> l.toInstant(java.time.ZoneOffset.UTC);
            default -> null;
        };
    }

    public Uni<List<SegmentView>> list() {
        return Panache.withSession(() -> Segment.<Segment>list("order by key")).flatMap(all -> memberships
                .sizes(all.stream().map(s -> s.key).toList())
                .map(sizes -> all.stream().map(s -> view(s, sizes.get(s.key))).toList()));
    }

    public Uni<SegmentView> get(String key) {
        return Panache.withSession(() -> Segment.<Segment>findById(key)).flatMap(s -> {
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
        List<String> fields = catalog.get(s.key)
                .filter(live -> live.version() == s.version)
                .map(SegmentRule::rule)
                .map(RuleEngine.Compiled::fields)
                .orElseGet(() -> {
                    RuleEngine.Compilation c = engine.compile(
                            s.rule,
                            "request".equals(s.scope) ? RuleEngine.Scope.REQUEST : RuleEngine.Scope.PROFILE,
                            "rule");
                    return c.ok() ? c.rule().fields() : List.of();
                });
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
                fields,
                "profile".equals(s.scope) ? size : null,
                backfills.status(s.key).orElse(null),
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
