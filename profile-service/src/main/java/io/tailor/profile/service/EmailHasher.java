package io.tailor.profile.service;

import io.tailor.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes e-mail addresses with a keyed HMAC-SHA-256 of the trimmed, lower-cased address: equal addresses give equal
 * hashes (for stitching), and without the key a hash cannot be checked against a list of addresses. The address
 * itself is never stored or logged.
 */
@ApplicationScoped
public class EmailHasher {

    private final SecretKeySpec key;

    @Inject
    public EmailHasher(ProfileConfig config) {
        this(config.emailHashKey());
    }

    EmailHasher(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("profile.email-hash-key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
