package io.tailor.profile.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.profile.domain.DecayingScores;
import io.tailor.profile.domain.ProfileState;

/**
 * The profile state is stored as JSON in PostgreSQL and read and written by Jackson outside any REST signature, so a
 * native image must be told to keep its fields reachable by reflection.
 */
@RegisterForReflection(
        targets = {ProfileState.class, DecayingScores.class},
        classNames = "io.tailor.profile.domain.ProfileState$Purchase")
public final class ProfileReflection {

    private ProfileReflection() {}
}
