package io.tailor.profile.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.ShopperEventValidator;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.messaging.PrivacyMessagesProducer;
import io.tailor.profile.repository.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Changes made through the API (consent, traits) become shopper events on {@code shopper-events}, keyed like the
 * shopper's own events: they are applied in order with everything else, by the same pipeline, with the same
 * history. The API answers 202 with the event id.
 */
@ApplicationScoped
public class ProfileCommands {

    /** A consent change: each purpose given is set; absent ones stay as they are. */
    public record ConsentChange(Boolean personalization, Boolean analytics, Boolean marketingEmail, String source) {}

    private final ProfileRepository repository;
    private final PrivacyMessagesProducer producer;
    private final ShopperEventValidator validator = new ShopperEventValidator();
    private final Clock clock;

    public ProfileCommands(ProfileRepository repository, PrivacyMessagesProducer producer, Clock clock) {
        this.repository = repository;
        this.producer = producer;
        this.clock = clock;
    }

    public Uni<String> changeConsent(String profileId, ConsentChange change) {
        if (change == null) {
            throw ProblemException.invalid("", "a consent change is required");
        }
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        if (change.personalization() != null) {
            purposes.put("personalization", change.personalization());
        }
        if (change.analytics() != null) {
            purposes.put("analytics", change.analytics());
        }
        if (change.marketingEmail() != null) {
            purposes.put("marketing_email", change.marketingEmail());
        }
        if (purposes.isEmpty()) {
            throw ProblemException.invalid(
                    "personalization",
                    "give at least one of personalization, analytics, marketingEmail (true or false)");
        }
        String source = change.source() == null ? "api" : change.source();
        if (!source.matches("[a-z0-9_\\-]{1,64}")) {
            throw ProblemException.invalid("source", "lower-case letters, digits, _ or - (max 64)");
        }
        EventProperties properties = new EventProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, purposes,
                source);
        return send(profileId, EventType.CONSENT_UPDATED, properties);
    }

    public Uni<String> changeTraits(String profileId, Map<String, String> traits) {
        if (traits == null || traits.isEmpty()) {
            throw ProblemException.invalid("traits", "give at least one trait");
        }
        EventProperties properties = new EventProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, traits, null, null);
        return send(profileId, EventType.IDENTIFY, properties);
    }

    @WithSession
    Uni<String> send(String profileId, EventType type, EventProperties properties) {
        return repository.recentIdentitiesOf(profileId).flatMap(identities -> {
            if (identities.isEmpty()) {
                throw ProblemException.notFound("No profile " + profileId);
            }
            String customer = first(identities, IdentityKey.Kind.CUSTOMER);
            String anonymous = first(identities, IdentityKey.Kind.ANONYMOUS);
            ShopperEvent event = new ShopperEvent(
                    UUID.randomUUID().toString(),
                    type,
                    clock.instant(),
                    clock.instant(),
                    anonymous,
                    customer,
                    null,
                    EventContext.EMPTY,
                    properties);
            List<Violation> violations = validator.validate(event);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations.stream()
                        .map(v -> new Violation(v.field().replaceFirst("^properties\\.", ""), v.message()))
                        .toList());
            }
            return producer.event(event).replaceWith(event.eventId());
        });
    }

    private static String first(List<IdentityKey> identities, IdentityKey.Kind kind) {
        return identities.stream()
                .filter(i -> i.kind() == kind)
                .map(IdentityKey::value)
                .findFirst()
                .orElse(null);
    }
}
