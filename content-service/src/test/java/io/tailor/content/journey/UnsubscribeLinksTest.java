package io.tailor.content.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private final UnsubscribeLinks links = new UnsubscribeLinks("a-secret-of-enough-length", "https://shop.example/");

    @Test
    void aLinkCarriesTheProfileAndItsSignature() {
        URI link = URI.create(links.link("profile 1"));
        assertThat(link.getHost()).isEqualTo("shop.example");
        assertThat(link.getPath()).isEqualTo("/unsubscribe");
        String token = link.getRawQuery().substring(link.getRawQuery().indexOf("&t=") + 3);
        assertThat(links.valid("profile 1", token)).isTrue();
    }

    @Test
    void aTokenIsValidOnlyForItsProfileAndKey() {
        String token = links.token("p-1");
        assertThat(links.valid("p-2", token)).isFalse();
        assertThat(links.valid("p-1", token + "x")).isFalse();
        assertThat(links.valid("p-1", null)).isFalse();
        assertThat(new UnsubscribeLinks("another-secret-of-length", "http://x").valid("p-1", token))
                .isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new UnsubscribeLinks("short", "http://x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 characters");
    }
}
