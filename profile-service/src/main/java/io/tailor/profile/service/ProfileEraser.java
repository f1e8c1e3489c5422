package io.tailor.profile.service;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.privacy.ShopperDataEraser;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * profile-service's own answer to an erasure request: the profile was deleted when the request was made; this
 * confirms that no row of it is left (deleting again what a concurrent write may have added).
 */
@ApplicationScoped
public class ProfileEraser implements ShopperDataEraser {

    private final Pool pool;

    public ProfileEraser(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> erase(PrivacyRequest request) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM consent_record WHERE profile_id = $1")
                        .execute(Tuple.of(request.profileId()))
                        .call(() -> c.preparedQuery("DELETE FROM profile WHERE id = $1")
                                .execute(Tuple.of(request.profileId()))))
                .replaceWithVoid();
    }
}
