package io.tailor.kit.warmup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The calls a service makes to itself before it reports ready ({@link SelfWarmUp}). A service that declares none is
 * ready at once.
 */
@ConfigMapping(prefix = "tailor.warm-up")
public interface WarmUpConfig {

    /** How many times each call is made; 0 turns warming off. */
    @WithDefault("200")
    int requests();

    /** Ready after this long even if not every call was made. */
    @WithDefault("30s")
    Duration maxDuration();

    /** Calls by name, e.g. {@code tailor.warm-up.calls.decide.path=/v1/content/decide}. */
    Map<String, Call> calls();

    interface Call {
        /** {@code GET} or {@code POST}. */
        @WithDefault("POST")
        String method();

        /** Path and query on this service; {@code {n}} is replaced by a shopper number (0-63). */
        String path();

        /** JSON body for POST; {@code {n}} is replaced as in the path. */
        Optional<String> body();
    }
}
