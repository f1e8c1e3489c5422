package io.tailor.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TailorInstantsTest {

    /** Tailor's mapper, with the fast path. */
    private final ObjectMapper tailor = TailorJson.mapper();

    /** Jackson's own instant deserializer alone: what every instant must read as. */
    private final ObjectMapper jackson = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Stamped(Instant at) {}

    record Patterned(@JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {}

    @Test
    void tailorsMapperReadsInstantsWithIt() throws Exception {
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
                        tailor.getDeserializationContext())
                .createInstance(tailor.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(tailor.constructType(Instant.class)))
                .isInstanceOf(TailorInstants.Reader.class);
        assertThat(tailor.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(TailorInstants.Writer.class);
    }

    @Test
    void writesExactlyWhatJacksonWrites() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        var timestamps = com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS;
        for (int i = 0; i < 5_000; i++) {
            long nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000L;
                        case 2 -> random.nextInt(1_000_000) * 1_000L;
                        default -> random.nextInt(1_000_000_000);
                    };
            Stamped stamped =
                    new Stamped(Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), nanos));
            assertThat(tailor.writeValueAsString(stamped)).isEqualTo(jackson.writeValueAsString(stamped));
            assertThat(tailor.writer().with(timestamps).writeValueAsString(stamped))
                    .isEqualTo(jackson.writer().with(timestamps).writeValueAsString(stamped));
        }
        Patterned patterned = new Patterned(Instant.parse("2026-12-02T22:47:37.5Z"));
        assertThat(tailor.writeValueAsString(patterned))
                .isEqualTo(jackson.writeValueAsString(patterned))
                .isEqualTo("{\"at\":\"2026-12-02 22:47\"}");
    }

    @Test
    void readsWhatTailorWritesExactlyAsJacksonDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            // Instant.toString drops zero groups of three fraction digits: cover whole seconds, millis and micros too
            Instant rounded =
                    switch (i % 4) {
                        case 0 -> at.with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
                        case 1 -> at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                        case 2 -> at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                        default -> at;
                    };
            String json = tailor.writeValueAsString(new Stamped(rounded));
            assertThat(tailor.readValue(json, Stamped.class).at()).isEqualTo(rounded);
            assertThat(TailorInstants.rfc3339(rounded.toString())).isEqualTo(rounded);
        }
    }

    @Test
    void readsOffsetsAndLowerCaseLikeJackson() throws Exception {
        for (String text : List.of(
                "2026-12-02T22:47:37+01:00",
                "2026-12-02T22:47:37.5-05:30",
                "2026-12-02t22:47:37z",
                "2026-12-02T22:47:37.123456789Z",
                "1970-01-01T00:00:00Z",
                "2026-12-31T23:59:59.999999999+14:00")) {
            assertThat(readTailor(text)).as(text).isEqualTo(readJackson(text)).isPresent();
            assertThat(TailorInstants.rfc3339(text)).as(text).isNotNull();
        }
    }

    @Test
    void leavesEveryOtherFormToJacksonWithTheSameOutcome() throws Exception {
        for (String text : List.of(
                "2026-12-02 22:47:37Z",
                "2026-12-02T22:47:37",
                "2026-12-02T22:47Z",
                "2026-12-02T23:59:60Z",
                "2026-02-30T10:00:00Z",
                "2026-12-02T24:00:00Z",
                "2026-12-02T22:47:37.Z",
                "2026-12-02T22:47:37.1234567891Z",
                "2026-12-02T22:47:37+01:00:30",
                "+12026-12-02T22:47:37Z",
                "-0001-12-02T22:47:37Z",
                " 2026-12-02T22:47:37Z ",
                "",
                "yesterday",
                "20261202T224737Z")) {
            assertThat(TailorInstants.rfc3339(text) == null
                            || TailorInstants.rfc3339(text)
                                    .equals(readJackson(text).orElse(null)))
                    .as(text)
                    .isTrue();
            assertThat(readTailor(text)).as(text).isEqualTo(readJackson(text));
        }
        assertThat(tailor.readValue("{\"at\":1764715657}", Stamped.class).at())
                .isEqualTo(
                        jackson.readValue("{\"at\":1764715657}", Stamped.class).at());
    }

    @Test
    void refusesBadTextAsJacksonDoesNamingTheField() {
        assertThatThrownBy(() -> tailor.readValue("{\"at\":\"2026-13-02T22:47:37Z\"}", Stamped.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("at");
    }

    @Test
    void aPropertyWithItsOwnFormatKeepsIt() throws Exception {
        Patterned read = tailor.readValue("{\"at\":\"2026-12-02 22:47\"}", Patterned.class);
        assertThat(read.at())
                .isEqualTo(java.time.LocalDateTime.of(2026, 12, 2, 22, 47).toInstant(ZoneOffset.UTC));
    }

    private Optional<Instant> readTailor(String text) {
        return read(tailor, text);
    }

    private Optional<Instant> readJackson(String text) {
        return read(jackson, text);
    }

    /** The instant a mapper reads from {@code {"at": text}}, or empty when it refuses the text. */
    private static Optional<Instant> read(ObjectMapper mapper, String text) {
        try {
            return Optional.ofNullable(
                    mapper.readValue("{\"at\":" + mapper.writeValueAsString(text) + "}", Stamped.class)
                            .at());
        } catch (JsonProcessingException refused) {
            return Optional.empty();
        }
    }
}
