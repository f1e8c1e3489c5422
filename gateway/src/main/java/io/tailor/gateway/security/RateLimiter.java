package io.tailor.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tailor.kit.redis.LoopLocal;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Token buckets in Redis, shared by every gateway replica. One script call takes a token from each of a request's
 * buckets, or from none when any is empty, and tells how long to wait. If Redis cannot answer, requests pass
 * (availability first) and the failure is counted.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** KEYS: buckets; ARGV[1]: now ms; then rate per second and burst for each bucket. Returns ms to wait, 0 = go. */
    private static final String TAKE =
            """
            local now = tonumber(ARGV[1])
            local wait = 0
            local left = {}
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i])
              local burst = tonumber(ARGV[2 * i + 1])
              local state = redis.call('HMGET', key, 't', 'ts')
              local tokens = tonumber(state[1]) or burst
              local ts = tonumber(state[2]) or now
              if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate / 1000) end
              if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) * 1000 / rate)) end
              left[i] = tokens
            end
            if wait > 0 then return wait end
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i])
              local burst = tonumber(ARGV[2 * i + 1])
              redis.call('HSET', key, 't', left[i] - 1, 'ts', now)
              redis.call('PEXPIRE', key, math.ceil(burst * 1000 / rate) + 1000)
            end
            return 0
            """;

    /** One bucket of a request. */
    public record Bucket(String key, double perSecond, double burst) {}

    private final Redis redis;
    private final Counter errors;
    private final Counter limited;

    public RateLimiter(@LoopLocal Redis redis, MeterRegistry registry) {
        this.redis = redis;
        this.errors = registry.counter("tailor.gateway.ratelimit.errors");
        this.limited = registry.counter("tailor.gateway.ratelimit.limited");
    }

    /** Takes one token from every bucket; the answer is how long to wait (zero: go ahead). */
    public Uni<Duration> take(List<Bucket> buckets) {
        Request script = Request.cmd(Command.EVAL).arg(TAKE).arg(buckets.size());
        buckets.forEach(b -> script.arg("gateway:ratelimit:" + b.key()));
        script.arg(System.currentTimeMillis());
        buckets.forEach(b -> script.arg(b.perSecond()).arg(b.burst()));
        return redis.send(script)
                .map(r -> Duration.ofMillis(r == null ? 0 : r.toLong()))
                .invoke(wait -> {
                    if (!wait.isZero()) {
                        limited.increment();
                    }
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    errors.increment();
                    LOG.debugf("Rate limit not checked: %s", failure.getMessage());
                    return Duration.ZERO;
                });
    }
}
