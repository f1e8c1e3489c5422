package io.tailor.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.devstack.RedisNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real redis-server: which connection a command takes, from which thread, and after a connection dies. */
class LoopLocalRedisTest {

    private static RedisNode node;
    private static Vertx vertx;

    private final AtomicLong clock = new AtomicLong();
    private Redis pooled;
    private LoopLocalRedis redis;
    private Context loopA;
    private Context loopB;

    @BeforeAll
    static void startRedis() throws Exception {
        node = RedisNode.start(Files.createTempDirectory("loop-local-redis"), 0, false);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterAll
    static void stopRedis() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        node.close();
    }

    @BeforeEach
    void connect() {
        RedisOptions options = new RedisOptions().setConnectionString(node.url());
        pooled = Redis.createClient(vertx, options);
        Supplier<Redis> perLoop = () -> Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(2));
        redis = new LoopLocalRedis(pooled, perLoop, clock::get);
        // Vert.x hands out its event loops in turn: two contexts created one after the other sit on different loops.
        loopA = ((VertxInternal) vertx).createEventLoopContext();
        loopB = ((VertxInternal) vertx).createEventLoopContext();
        assertThat(threadOf(loopA)).isNotEqualTo(threadOf(loopB));
    }

    @AfterEach
    void close() {
        redis.close();
        pooled.close();
    }

    @Test
    void eachEventLoopKeepsAConnectionOfItsOwnAndOtherThreadsUseThePool() {
        long ownOfA = awaitOwnConnection(loopA);
        long ownOfB = awaitOwnConnection(loopB);

        assertThat(ownOfA).isNotEqualTo(ownOfB);
        for (int i = 0; i < 20; i++) {
            assertThat(clientId(loopA)).isEqualTo(ownOfA);
            assertThat(clientId(loopB)).isEqualTo(ownOfB);
        }
        long fromThisThread =
                await(redis.send(Request.cmd(Command.CLIENT).arg("ID"))).toLong();
        assertThat(fromThisThread).isNotIn(ownOfA, ownOfB);
        assertThat(redis.openConnections()).isEqualTo(2);
    }

    @Test
    void aSmallBatchTakesTheLoopsConnectionAndALargeOneThePool() {
        long own = awaitOwnConnection(loopA);

        assertThat(batchClientIds(loopA, 3)).containsOnly(own);
        Set<Long> large = batchClientIds(loopA, LoopLocalRedis.MAX_LOOP_BATCH + 1);
        assertThat(large).hasSize(1).doesNotContain(own);
    }

    @Test
    void aBatchLargerThanAConnectionsReplySlotsIsSentInPartsInOrder() {
        int size = 5 * LoopLocalRedis.MAX_PIPELINE + 7;
        List<Request> increments = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            increments.add(Request.cmd(Command.INCR).arg("loop-local-parts"));
        }

        List<Response> fromLoop = await(on(loopA, () -> redis.batch(increments)));
        List<Response> fromThisThread = await(redis.batch(increments));

        assertThat(fromLoop).hasSize(size);
        for (int i = 0; i < size; i++) {
            assertThat(fromLoop.get(i).toLong()).isEqualTo(i + 1);
            assertThat(fromThisThread.get(i).toLong()).isEqualTo(size + i + 1);
        }
    }

    @Test
    void aLostConnectionIsReplacedAfterAPauseAndNoCommandFailsMeanwhile() {
        long lost = awaitOwnConnection(loopA);
        await(pooled.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(lost)));
        awaitTrue(() -> redis.openConnections() == 0, "the killed connection to be dropped");

        // Until the retry pause has passed, the loop's commands go to the pool, and they succeed.
        for (int i = 0; i < 10; i++) {
            assertThat(clientId(loopA)).isNotEqualTo(lost);
        }
        assertThat(redis.openConnections()).isZero();

        clock.addAndGet(LoopLocalRedis.RETRY_AFTER_NANOS);
        long replacement = awaitOwnConnection(loopA);
        assertThat(replacement).isNotEqualTo(lost);
        assertThat(clientId(loopA)).isEqualTo(replacement);
    }

    @Test
    void withoutPerLoopClientsEveryCommandGoesToThePool() {
        LoopLocalRedis disabled = new LoopLocalRedis(pooled, null, clock::get);
        for (int i = 0; i < 10; i++) {
            Response answer = await(on(loopA, () -> disabled.send(Request.cmd(Command.PING))));
            assertThat(answer.toString()).isEqualTo("PONG");
        }
        assertThat(disabled.openConnections()).isZero();
        disabled.close();
        assertThat(await(pooled.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");
    }

    @Test
    void closingReleasesTheLoopsConnections() {
        awaitOwnConnection(loopA);
        awaitOwnConnection(loopB);
        int before = connectedClients();

        redis.close();

        awaitTrue(() -> connectedClients() == before - 2, "both loops' connections to be closed");
    }

    /** Sends commands from {@code loop} until it has opened a connection of its own, and returns that one's id. */
    private long awaitOwnConnection(Context loop) {
        Thread thread = await(on(loop, () -> Future.succeededFuture(Thread.currentThread())));
        awaitTrue(
                () -> {
                    clientId(loop);
                    return redis.hasOwnConnection(thread);
                },
                "the loop to open a connection of its own");
        return clientId(loop);
    }

    private long clientId(Context loop) {
        return await(on(loop, () -> redis.send(Request.cmd(Command.CLIENT).arg("ID"))))
                .toLong();
    }

    private Set<Long> batchClientIds(Context loop, int size) {
        List<Request> commands = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            commands.add(Request.cmd(Command.CLIENT).arg("ID"));
        }
        Set<Long> ids = new HashSet<>();
        await(on(loop, () -> redis.batch(commands))).forEach(r -> ids.add(r.toLong()));
        return ids;
    }

    private int connectedClients() {
        String info =
                await(pooled.send(Request.cmd(Command.INFO).arg("clients"))).toString();
        return info.lines()
                .filter(l -> l.startsWith("connected_clients:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim()))
                .findFirst()
                .orElseThrow();
    }

    private static <T> Future<T> on(Context loop, Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        loop.runOnContext(v -> work.get().onComplete(result));
        return result.future();
    }

    private static String threadOf(Context loop) {
        return await(
                on(loop, () -> Future.succeededFuture(Thread.currentThread().getName())));
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
