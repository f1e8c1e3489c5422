package io.tailor.segment.health;

import io.tailor.segment.domain.ProfileIndex;
import io.tailor.segment.service.ProfileIndexService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the stored profiles are in memory (previews, backfills and RFM scores need them). */
@Readiness
@ApplicationScoped
public class ProfileIndexReadiness implements HealthCheck {

    private final ProfileIndexService loader;
    private final ProfileIndex index;

    public ProfileIndexReadiness(ProfileIndexService loader, ProfileIndex index) {
        this.loader = loader;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("profile-index")
                .status(loader.isReady())
                .withData("profiles", index.size())
                .build();
    }
}
