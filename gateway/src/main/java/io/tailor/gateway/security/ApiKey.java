package io.tailor.gateway.security;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key, stored as the SHA-256 of the key. Public keys (storefront) may send events and ask for decisions from
 * the listed origins; secret keys (admin, server-side) may call everything.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** public or secret */
    public String kind;

    @Column(name = "key_hash")
    public String keyHash;

    /** The first characters of the key, to recognise it in listings; the rest is never shown again. */
    @Column(name = "key_prefix")
    public String keyPrefix;

    public static String prefixOf(String key) {
        return key.substring(0, Math.min(key.length(), 10));
    }

    /** Comma-separated origins a public key is accepted from, or * for any. */
    @Column(columnDefinition = "text")
    public String origins;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
