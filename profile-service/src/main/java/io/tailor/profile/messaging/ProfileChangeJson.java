package io.tailor.profile.messaging;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.contracts.profile.ProfileChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a profile change's snapshot as JSON once, for both places it goes: the hot state in Redis and the
 * {@code profile-changes} message, which embeds the same text. The snapshot is most of a change's bytes; writing it
 * twice was one of the Jackson writes behind the 55% of profile-service's samples JFR showed in Jackson (the saving
 * itself is below what the ingest probe resolves, docs/benchmarks.md).
 */
@ApplicationScoped
public class ProfileChangeJson {

    /** A change and its profile snapshot as JSON (null when the profile was erased). */
    public record Encoded(ProfileChange change, String profileJson) {}

    /** {@link ProfileChange} as it is on the wire, with the snapshot's JSON written as it is. */
    @RegisterForReflection
    record Wire(
            String profileId,
            long version,
            Instant changedAt,
            String cause,
            String causeEventId,
            List<String> mergedProfileIds,
            @JsonRawValue String profile) {}

    private final ObjectMapper mapper;

    public ProfileChangeJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Encoded encode(ProfileChange change) {
        return new Encoded(change, change.profile() == null ? null : write(change.profile()));
    }

    /** The {@code profile-changes} message: what writing the {@link ProfileChange} would give, without rewriting the snapshot. */
    public String message(Encoded encoded) {
        ProfileChange c = encoded.change();
        return write(new Wire(
                c.profileId(),
                c.version(),
                c.changedAt(),
                c.cause(),
                c.causeEventId(),
                c.mergedProfileIds(),
                encoded.profileJson()));
    }

    /** Any value as JSON, with the application's mapper settings. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
