package io.tailor.kit.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the {@link LoopLocal} Redis client and data source beside Quarkus' default ones, against the same
 * server ({@code quarkus.redis.hosts}, its first entry). Per-loop connections are opened only for a standalone
 * server and while {@code tailor.redis.loop-local.enabled} is true (the default); otherwise every command goes to
 * Quarkus' pooled client, as it would without this qualifier.
 */
@ApplicationScoped
public class LoopLocalRedisProducer {

    @Produces
    @Singleton
    @LoopLocal
    Redis loopLocalRedis(
            Vertx vertx,
            Redis pooled,
            @ConfigProperty(name = "quarkus.redis.hosts") String hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "tailor.redis.loop-local.enabled", defaultValue = "true") boolean enabled) {
        if (!enabled || !"standalone".equalsIgnoreCase(clientType)) {
            return Redis.newInstance(new LoopLocalRedis(pooled.getDelegate(), null, System::nanoTime));
        }
        String first = hosts.split(",")[0].trim();
        // One connection per loop's client, and room for its replacement while a lost one is being evicted. A
        // loop's connection carries all of that loop's short commands, so it may have many more in flight than
        // a pooled one (2,048 by default; beyond the limit commands go to the pool).
        RedisOptions options =
                new RedisOptions().setConnectionString(first).setMaxPoolSize(2).setMaxWaitingHandlers(8192);
        return Redis.newInstance(new LoopLocalRedis(
                pooled.getDelegate(),
                () -> io.vertx.redis.client.Redis.createClient(vertx.getDelegate(), options),
                System::nanoTime));
    }

    @Produces
    @Singleton
    @LoopLocal
    ReactiveRedisDataSource loopLocalDataSource(Vertx vertx, @LoopLocal Redis redis) {
        return new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
    }

    void close(@Disposes @LoopLocal Redis redis) {
        redis.close();
    }
}
