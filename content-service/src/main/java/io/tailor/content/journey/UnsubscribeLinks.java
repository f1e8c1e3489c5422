package io.tailor.content.journey;

import io.tailor.content.config.MessagesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe links: {@code <publicUrl>/unsubscribe?p=<profile id>&t=<HMAC-SHA256 of the profile id>}. The
 * signature lets a shopper unsubscribe without logging in while nobody can unsubscribe someone else.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private final byte[] secret;
    private final String publicUrl;

    @Inject
    public UnsubscribeLinks(MessagesConfig config) {
        this(config.unsubscribeSecret(), config.publicUrl());
    }

    UnsubscribeLinks(String secret, String publicUrl) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("content.messages.unsubscribe-secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String link(String profileId) {
        return publicUrl + "/unsubscribe?p=" + URLEncoder.encode(profileId, StandardCharsets.UTF_8) + "&t="
                + token(profileId);
    }

    public String storeUrl() {
        return publicUrl;
    }

    /** Whether the token was issued for this profile (constant-time comparison). */
    public boolean valid(String profileId, String token) {
        if (profileId == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(
                token(profileId).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    String token(String profileId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(("unsubscribe:" + profileId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
