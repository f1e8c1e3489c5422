package io.tailor.profile.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailHasherTest {

    @Test
    void theSameAddressHashesTheSameWhateverItsCaseOrSpacing() {
        EmailHasher hasher = new EmailHasher("a-secret-of-16-chars");
        assertThat(hasher.hash(" Ann@Example.COM "))
                .isEqualTo(hasher.hash("ann@example.com"))
                .hasSize(64)
                .doesNotContain("ann");
        assertThat(new EmailHasher("another-secret-16").hash("ann@example.com"))
                .isNotEqualTo(hasher.hash("ann@example.com"));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new EmailHasher("short")).hasMessageContaining("16 characters");
    }
}
