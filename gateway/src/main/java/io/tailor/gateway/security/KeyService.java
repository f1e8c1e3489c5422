package io.tailor.gateway.security;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.Violation;
import io.tailor.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Creates, lists, revokes and rotates API keys. A key is shown once, when made; only its hash is stored. */
@ApplicationScoped
public class KeyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration MAX_GRACE = Duration.ofDays(30);

    /** A new key for POST /v1/admin/keys. */
    public record KeyRequest(String name, String kind, List<String> origins) {}

    /** A key as listed: never the key itself. */
    public record KeyView(
            String id,
            String name,
            String kind,
            String prefix,
            List<String> origins,
            Instant createdAt,
            Instant revokedAt) {}

    /** A key just made: the only time its value is shown. */
    public record NewKey(KeyView key, String value) {}

    private final ApiKeyRegistry registry;

    public KeyService(ApiKeyRegistry registry) {
        this.registry = registry;
    }

    @WithSession
    public Uni<List<KeyView>> list() {
        return ApiKey.<ApiKey>list("order by createdAt")
                .map(keys -> keys.stream().map(KeyService::view).toList());
    }

    public Uni<NewKey> create(KeyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            throw ProblemException.invalid("", "a key request is required");
        }
        if (request.name() == null || !request.name().matches("[\\p{Alnum} ._\\-]{1,100}")) {
            v.add(new Violation("name", "1-100 letters, digits, spaces, . _ or -"));
        }
        if (!"public".equals(request.kind()) && !"secret".equals(request.kind())) {
            v.add(new Violation("kind", "public (storefront: events and decide) or secret (everything)"));
        }
        List<String> origins =
                request.origins() == null || request.origins().isEmpty() ? List.of("*") : request.origins();
        for (int i = 0; i < origins.size(); i++) {
            String o = origins.get(i);
            if (o == null || !(o.equals("*") || o.matches("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?"))) {
                v.add(new Violation("origins[" + i + "]", "an origin such as https://shop.example.com, or *"));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return store(request.name(), request.kind(), String.join(",", origins)).call(registry::reload);
    }

    @WithTransaction
    Uni<NewKey> store(String name, String kind, String origins) {
        String value = ("public".equals(kind) ? "pk_" : "sk_") + randomToken();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.name = name;
        key.kind = kind;
        key.keyHash = ApiKeyRegistry.hash(value);
        key.keyPrefix = ApiKey.prefixOf(value);
        key.origins = origins;
        key.createdAt = Instant.now();
        return key.persist().replaceWith(() -> new NewKey(view(key), value));
    }

    /** Revokes a key now. */
    public Uni<KeyView> revoke(String id) {
        return revokeAt(id, Duration.ZERO).call(registry::reload);
    }

    /** Makes a new key with the same name, kind and origins; the old one keeps working for {@code grace}. */
    public Uni<NewKey> rotate(String id, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ProblemException.invalid("graceSeconds", "between 0 and " + MAX_GRACE.toSeconds());
        }
        return revokeAt(id, grace)
                .flatMap(old -> store(old.name(), old.kind(), String.join(",", old.origins())))
                .call(registry::reload);
    }

    @WithTransaction
    Uni<KeyView> revokeAt(String id, Duration grace) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "must be a key id (UUID)");
        }
        return ApiKey.<ApiKey>findById(uuid).map(key -> {
            if (key == null) {
                throw ProblemException.notFound("No key " + id);
            }
            if (key.revokedAt != null && key.revokedAt.isBefore(Instant.now())) {
                throw ProblemException.conflict("Key " + id + " is already revoked");
            }
            key.revokedAt = Instant.now().plus(grace);
            return view(key);
        });
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyView view(ApiKey k) {
        return new KeyView(
                k.id.toString(), k.name, k.kind, k.keyPrefix, List.of(k.origins.split(",")), k.createdAt, k.revokedAt);
    }
}
