package io.tailor.gateway.security;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tailor.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The valid API keys, held in memory by hash and re-read from PostgreSQL periodically (a revoked key stops working
 * within {@code gateway.keys.refresh}). Keys given in the environment are created at start if absent.
 */
@ApplicationScoped
public class ApiKeyRegistry {

    private static final Logger LOG = Logger.getLogger(ApiKeyRegistry.class);

    /** A valid key as the filter needs it. */
    public record Grant(String id, String name, String kind, Set<String> origins) {

        public boolean isSecret() {
            return "secret".equals(kind);
        }

        public boolean allowsOrigin(String origin) {
            return origin == null || origins.contains("*") || origins.contains(origin);
        }
    }

    private final GatewayConfig.Keys config;
    private volatile Map<String, Grant> byHash = Map.of();

    public ApiKeyRegistry(GatewayConfig config) {
        this.config = config.keys();
    }

    void start(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> bootstrap("storefront", "public", config.bootstrapPublic())
                        .chain(() -> bootstrap("admin", "secret", config.bootstrapSecret()))));
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    /** Picks up new and revoked keys. */
    @Scheduled(every = "${gateway.keys.refresh}", delayed = "${gateway.keys.refresh}")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(failure -> LOG.warnf("API keys not refreshed: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** The grant of a presented key, if it is valid. */
    public Optional<Grant> grant(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(hash(presentedKey)));
    }

    /** Re-reads the keys that are not revoked. */
    public Uni<Void> reload() {
        return Panache.withSession(() -> ApiKey.<ApiKey>list("revokedAt is null or revokedAt > ?1", Instant.now()))
                .invoke(keys -> byHash = keys.stream()
                        .collect(Collectors.toUnmodifiableMap(k -> k.keyHash, ApiKeyRegistry::grantOf, (a, b) -> a)))
                .replaceWithVoid();
    }

    private Uni<Void> bootstrap(String name, String kind, Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String keyHash = hash(key.get());
        return ApiKey.<ApiKey>find("keyHash", keyHash).firstResult().flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ApiKey created = new ApiKey();
            created.id = UUID.randomUUID();
            created.name = name;
            created.kind = kind;
            created.keyHash = keyHash;
            created.keyPrefix = ApiKey.prefixOf(key.get());
            created.origins = "*";
            created.createdAt = Instant.now();
            LOG.infof("Created the %s API key '%s' from the environment", kind, name);
            return created.persist().replaceWithVoid();
        });
    }

    private static Grant grantOf(ApiKey key) {
        Set<String> origins = Arrays.stream(key.origins.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Grant(key.id.toString(), key.name, key.kind, origins);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
