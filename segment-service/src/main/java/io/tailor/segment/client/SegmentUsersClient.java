package io.tailor.segment.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the services that target segments which of their definitions use one: content-service (slot variants'
 * and offers' {@code targeting.segments}) and experiment-service (experiments' {@code targeting.segments}). A service that does
 * not answer in time is reported as unavailable, never as "not used".
 */
@ApplicationScoped
public class SegmentUsersClient {

    private static final Logger LOG = Logger.getLogger(SegmentUsersClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param users each definition that uses the segment, e.g. {@code content slot home_hero, variant welcome-offer}
     * @param unavailable each service that could not be asked, with why
     */
    public record Usage(List<String> users, List<String> unavailable) {}

    private final ContentRestClient content;
    private final ExperimentRestClient experiments;

    public SegmentUsersClient(@RestClient ContentRestClient content, @RestClient ExperimentRestClient experiments) {
        this.content = content;
        this.experiments = experiments;
    }

    public Uni<Usage> usersOf(String segment) {
        Uni<Result> slots = ask("content-service", content.slots(), json -> slotUsers(json, segment));
        Uni<Result> offers = ask("content-service", content.offers(), json -> offerUsers(json, segment));
        Uni<Result> tests =
                ask("experiment-service", experiments.experiments(), json -> experimentUsers(json, segment));
        return Uni.combine().all().unis(slots, offers, tests).with(Result.class, results -> {
            List<String> users = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (Result r : results) {
                users.addAll(r.users());
                r.problem().stream().filter(p -> !unavailable.contains(p)).forEach(unavailable::add);
            }
            return new Usage(users, unavailable);
        });
    }

    private record Result(List<String> users, List<String> problem) {}

    private static Uni<Result> ask(
            String service, Uni<JsonNode> call, java.util.function.Function<JsonNode, List<String>> users) {
        return call.ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(json -> new Result(users.apply(json), List.of()))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("Could not ask %s which definitions use a segment: %s", service, failure.toString());
                    return new Result(List.of(), List.of(service + " could not be asked (" + describe(failure) + ")"));
                });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    static List<String> slotUsers(JsonNode slots, String segment) {
        List<String> users = new ArrayList<>();
        if (slots == null || !slots.isArray()) {
            throw new IllegalStateException("content-service answered something other than a list of slots");
        }
        for (JsonNode slot : slots) {
            for (JsonNode variant : slot.path("variants")) {
                if (names(variant.path("targeting").path("segments"), segment)) {
                    users.add("content slot " + slot.path("key").asText() + ", variant "
                            + variant.path("key").asText());
                }
            }
        }
        return users;
    }

    static List<String> offerUsers(JsonNode offers, String segment) {
        List<String> users = new ArrayList<>();
        if (offers == null || !offers.isArray()) {
            throw new IllegalStateException("content-service answered something other than a list of offers");
        }
        for (JsonNode offer : offers) {
            if (names(offer.path("targeting").path("segments"), segment)) {
                users.add("offer " + offer.path("key").asText());
            }
        }
        return users;
    }

    static List<String> experimentUsers(JsonNode experiments, String segment) {
        List<String> users = new ArrayList<>();
        if (experiments == null || !experiments.isArray()) {
            throw new IllegalStateException("experiment-service answered something other than a list of experiments");
        }
        for (JsonNode e : experiments) {
            if (names(e.path("targeting").path("segments"), segment)) {
                users.add("experiment " + e.path("key").asText() + " ("
                        + e.path("status").asText("unknown") + ")");
            }
        }
        return users;
    }

    private static boolean names(JsonNode segments, String segment) {
        for (JsonNode s : segments) {
            if (segment.equals(s.asText())) {
                return true;
            }
        }
        return false;
    }
}
