package io.tailor.content.journey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;
import io.tailor.content.Journey;
import io.tailor.content.MessageTemplate;
import io.tailor.content.service.SegmentCheck;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.JsonFailures;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates, replaces, lists and deletes journeys and message templates. A journey is read strictly and validated whole
 * (unknown event types, templates and segments, bad delays, loops) before it is stored; a template must parse and
 * render against the sample model.
 */
@ApplicationScoped
public class JourneyAdminService {

    /** A journey as the admin API shows it. */
    public record JourneyView(String key, int version, Instant updatedAt, @JsonUnwrapped JourneyDefinition journey) {}

    /** A template as the admin API shows it and accepts it. */
    public record TemplateView(String key, String subject, String html, Instant updatedAt) {}

    /** A template's editable part. */
    public record TemplateInput(String subject, String html) {}

    static final int MAX_HTML = 100_000;

    private final ObjectMapper mapper;
    private final ObjectReader strictJourney;
    private final ObjectReader strictTemplate;
    private final SegmentCheck segments;
    private final JourneyCatalog catalog;
    private final MessageRenderer renderer;
    private final Clock clock;

    public JourneyAdminService(
            ObjectMapper mapper, SegmentCheck segments, JourneyCatalog catalog, MessageRenderer renderer, Clock clock) {
        this.mapper = mapper;
        this.strictJourney =
                mapper.readerFor(JourneyDefinition.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.strictTemplate =
                mapper.readerFor(TemplateInput.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.segments = segments;
        this.catalog = catalog;
        this.renderer = renderer;
        this.clock = clock;
    }

    public Uni<JourneyView> put(String key, JsonNode body) {
        JourneyDefinition journey = read(strictJourney, body, "a journey definition is required");
        Map<String, String> segmentFields = new HashMap<>();
        if (journey.trigger() != null && journey.trigger().segmentEntered() != null) {
            segmentFields.put("trigger.segmentEntered", journey.trigger().segmentEntered());
        }
        // segment-service is asked first, outside the transaction; its answer joins the other violations. A failed
        // answer (404) may arrive on a worker thread: continue on this request's event loop, where Hibernate Reactive
        // must run.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return segments.unknown(segmentFields)
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .flatMap(unknownSegments -> Panache.withTransaction(() -> MessageTemplate.<MessageTemplate>listAll()
                        .flatMap(templates -> Journey.<Journey>listAll().map(all -> {
                            Set<String> templateKeys = new HashSet<>();
                            templates.forEach(t -> templateKeys.add(t.key));
                            Map<String, String> thenOf = new HashMap<>();
                            Journey existing = null;
                            for (Journey j : all) {
                                if (j.key.equals(key)) {
                                    existing = j;
                                } else {
                                    thenOf.put(j.key, definition(j).then());
                                }
                            }
                            List<Violation> violations = new java.util.ArrayList<>(
                                    JourneyValidator.validate(key, journey, templateKeys, thenOf));
                            violations.addAll(unknownSegments);
                            if (!violations.isEmpty()) {
                                throw ProblemException.invalid(violations);
                            }
                            return existing == null ? new Journey() : existing;
                        }))
                        .flatMap(j -> {
                            boolean created = j.key == null;
                            j.key = key;
                            j.name = journey.name();
                            j.definition = json(journey);
                            j.enabled = journey.enabled();
                            j.version = j.version + 1;
                            j.updatedAt = clock.instant();
                            return (created
                                            ? j.<Journey>persist()
                                            : Uni.createFrom().item(j))
                                    .map(this::view);
                        })))
                .call(catalog::reload);
    }

    @WithSession
    public Uni<List<JourneyView>> list() {
        return Journey.<Journey>listAll(Sort.by("key"))
                .map(all -> all.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<JourneyView> get(String key) {
        return Journey.<Journey>findById(key).map(j -> {
            if (j == null) {
                throw ProblemException.notFound("No journey " + key);
            }
            return view(j);
        });
    }

    /** Deletes a journey; shoppers in it leave it (their runs end with the reason). Refused while another hands off to it. */
    public Uni<Void> delete(String key) {
        return Panache.withTransaction(() -> Journey.<Journey>listAll().flatMap(all -> {
                    Journey found = null;
                    for (Journey j : all) {
                        if (j.key.equals(key)) {
                            found = j;
                        } else if (key.equals(definition(j).then())) {
                            throw ProblemException.conflict(
                                    "Journey " + j.key + " hands off to " + key + " (then); change it first");
                        }
                    }
                    if (found == null) {
                        throw ProblemException.notFound("No journey " + key);
                    }
                    return found.delete();
                }))
                .call(catalog::reload)
                .replaceWithVoid();
    }

    public Uni<TemplateView> putTemplate(String key, JsonNode body) {
        TemplateInput input = read(strictTemplate, body, "a template with subject and html is required");
        List<Violation> violations = new java.util.ArrayList<>();
        if (key == null || !JourneyValidator.KEY.matcher(key).matches()) {
            violations.add(new Violation("key", "1-64 characters: lower-case letters, digits, '-' and '_'"));
        }
        if (input.subject() == null || input.subject().isBlank()) {
            violations.add(new Violation("subject", "is required"));
        } else if (input.subject().length() > 300) {
            violations.add(new Violation("subject", "at most 300 characters"));
        }
        if (input.html() == null || input.html().isBlank()) {
            violations.add(new Violation("html", "is required"));
        } else if (input.html().length() > MAX_HTML) {
            violations.add(new Violation("html", "at most " + MAX_HTML + " characters"));
        }
        if (violations.isEmpty()) {
            try {
                renderer.check(input.subject(), "");
            } catch (TemplateException e) {
                violations.add(new Violation("subject", "does not render: " + e.getMessage()));
            }
            try {
                renderer.check("", input.html());
            } catch (TemplateException e) {
                violations.add(new Violation("html", "does not render: " + e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return Panache.withTransaction(
                () -> MessageTemplate.<MessageTemplate>findById(key).flatMap(found -> {
                    MessageTemplate t = found == null ? new MessageTemplate() : found;
                    t.key = key;
                    t.subject = input.subject();
                    t.html = input.html();
                    t.updatedAt = clock.instant();
                    return (found == null
                                    ? t.<MessageTemplate>persist()
                                    : Uni.createFrom().item(t))
                            .map(JourneyAdminService::templateView);
                }));
    }

    @WithSession
    public Uni<List<TemplateView>> templates() {
        return MessageTemplate.<MessageTemplate>listAll(Sort.by("key"))
                .map(all -> all.stream().map(JourneyAdminService::templateView).toList());
    }

    @WithSession
    public Uni<TemplateView> template(String key) {
        return MessageTemplate.<MessageTemplate>findById(key).map(t -> {
            if (t == null) {
                throw ProblemException.notFound("No template " + key);
            }
            return templateView(t);
        });
    }

    private <T> T read(ObjectReader reader, JsonNode body, String missing) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.invalid("", missing);
        }
        try {
            return reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(JsonFailures.violation(e, "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JourneyView view(Journey j) {
        return new JourneyView(j.key, j.version, j.updatedAt, definition(j));
    }

    private JourneyDefinition definition(Journey j) {
        try {
            return mapper.readValue(j.definition, JourneyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored journey " + j.key + " is unreadable", e);
        }
    }

    private String json(JourneyDefinition journey) {
        try {
            return mapper.writeValueAsString(journey);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplateView templateView(MessageTemplate t) {
        return new TemplateView(t.key, t.subject, t.html, t.updatedAt);
    }
}
