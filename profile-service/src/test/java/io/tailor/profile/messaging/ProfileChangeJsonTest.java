package io.tailor.profile.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.profile.domain.Events;
import io.tailor.profile.domain.ProfilePolicy;
import io.tailor.profile.domain.ProfileState;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileChangeJsonTest {

    private static final ObjectMapper MAPPER = TailorJson.mapper();
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final ProfileChangeJson json = new ProfileChangeJson(MAPPER);

    @Test
    void theMessageIsWhatWritingTheChangeGivesWithTheSnapshotWrittenOnce() throws Exception {
        ProfileState state = new ProfileState();
        state.apply(Events.landing("a-1", "s-1", "newsletter", "email", T0), ProfilePolicy.DEFAULT);
        state.apply(Events.addToCart("a-1", "p-1", 12.5, 2, T0.plusSeconds(30)), ProfilePolicy.DEFAULT);
        ProfileChange change = new ProfileChange(
                "profile-1",
                7,
                T0.plusSeconds(31),
                "add_to_cart",
                "event-1",
                List.of("profile-0"),
                state.snapshot("profile-1", 7, "c-1", List.of("a-1"), ProfilePolicy.DEFAULT, T0.plusSeconds(31)));

        ProfileChangeJson.Encoded encoded = json.encode(change);

        assertThat(MAPPER.readTree(encoded.profileJson()))
                .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(change.profile())));
        assertThat(MAPPER.readTree(json.message(encoded)))
                .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(change)));
        assertThat(MAPPER.readValue(json.message(encoded), ProfileChange.class)).isEqualTo(change);
    }

    @Test
    void anErasureHasNoProfile() throws Exception {
        ProfileChange erased = new ProfileChange("profile-2", 3, T0, "erase", null, List.of(), null);

        ProfileChangeJson.Encoded encoded = json.encode(erased);

        assertThat(encoded.profileJson()).isNull();
        assertThat(MAPPER.readTree(json.message(encoded)))
                .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(erased)));
        assertThat(MAPPER.readValue(json.message(encoded), ProfileChange.class).erased())
                .isTrue();
    }

    @Test
    void theWireFormHasEveryComponentOfTheContractInOrder() {
        // a component added to ProfileChange must be added to the wire form too, or it would never be sent
        assertThat(names(ProfileChangeJson.Wire.class)).isEqualTo(names(ProfileChange.class));
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }
}
