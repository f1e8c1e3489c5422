package io.tailor.kit.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A Redis client that keeps one connection per event loop and sends every command issued on an event loop over
 * that loop's own connection, pipelined.
 *
 * <p>Why: a pooled Vert.x Redis connection belongs to the event loop that opened it. A command issued on another
 * loop is handed over to the owner to be written, and its reply is handed back, two cross-thread wake-ups per
 * command. JFR of recommendation-service on the decide path showed those hand-offs in 23% of its samples. Commands
 * sent over a connection of the caller's own loop are written and answered without leaving the thread.
 *
 * <p>Everything else goes to the pooled client: commands from worker or other non-event-loop threads, {@link
 * #connect()} (transactions and other connection state need a connection of their own), and commands issued while a
 * loop's connection is being opened, or after it failed (a new one is tried after {@link #RETRY_AFTER_NANOS}).
 * Batches of more than {@link #MAX_LOOP_BATCH} commands go to the pool as well, those of more than {@link
 * #MAX_PIPELINE} in consecutive parts. Pipelining on one connection per
 * loop suits short commands; blocking commands (BLPOP, WAIT) and MULTI must not be sent through {@link #send}, and are
 * not used on these paths.
 */
public final class LoopLocalRedis implements Redis {

    private static final Logger LOG = Logger.getLogger(LoopLocalRedis.class);

    /** How long a loop waits after its connection failed or could not be opened before it tries again. */
    static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Batches larger than this go to the pool: bulk writes gain nothing measurable from the saved hand-off, and would
     * fill a loop's pipeline ahead of the short reads the decide path waits for.
     */
    static final int MAX_LOOP_BATCH = 64;

    /**
     * Commands per pipelined round trip. A Vert.x Redis connection refuses a batch larger than its free reply slots
     * (2,048 by default), so a larger batch is sent in consecutive parts of this size, in order. A batch is pipelined,
     * not atomic, either way.
     */
    static final int MAX_PIPELINE = 1000;

    private final Redis pooled;
    private final Supplier<Redis> dedicatedClients;
    private final LongSupplier nanoClock;
    private final Map<Thread, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param pooled the shared pooled client, for everything not sent from an event loop
     * @param dedicatedClients makes the client that opens one event loop's connection, one client per loop: a
     *     shared pool may hand a connection it opened for one loop to another loop's waiter. Its pool needs room for
     *     one connection and its replacement. {@code null} sends everything to {@code pooled}.
     */
    public LoopLocalRedis(Redis pooled, Supplier<Redis> dedicatedClients, LongSupplier nanoClock) {
        this.pooled = pooled;
        this.dedicatedClients = dedicatedClients;
        this.nanoClock = nanoClock;
    }

    @Override
    public Future<Response> send(Request command) {
        RedisConnection connection = ownConnection();
        return connection != null ? connection.send(command) : pooled.send(command);
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
        if (commands.size() > MAX_PIPELINE) {
            return inParts(commands, 0, new ArrayList<>(commands.size()));
        }
        RedisConnection connection = commands.size() <= MAX_LOOP_BATCH ? ownConnection() : null;
        return connection != null ? connection.batch(commands) : pooled.batch(commands);
    }

    private Future<List<Response>> inParts(List<Request> commands, int from, List<Response> answered) {
        int to = Math.min(commands.size(), from + MAX_PIPELINE);
        return pooled.batch(commands.subList(from, to)).compose(part -> {
            answered.addAll(part);
            return to == commands.size() ? Future.succeededFuture(answered) : inParts(commands, to, answered);
        });
    }

    @Override
    public Future<RedisConnection> connect() {
        return pooled.connect();
    }

    /** Releases the per-loop connections and closes their clients; the pooled client belongs to its producer. */
    @Override
    public void close() {
        slots.values().forEach(Slot::close);
        slots.clear();
    }

    /** How many event loops hold a connection of their own. */
    int openConnections() {
        return (int) slots.values().stream().filter(s -> s.connection != null).count();
    }

    /** Whether the event loop running on {@code loop} holds a connection of its own. */
    boolean hasOwnConnection(Thread loop) {
        Slot slot = slots.get(loop);
        return slot != null && slot.connection != null;
    }

    /**
     * The caller's own connection, or {@code null} when the caller is not on an event loop or its loop has none
     * usable yet (opening one if it may).
     */
    private RedisConnection ownConnection() {
        if (dedicatedClients == null || !Context.isOnEventLoopThread()) {
            return null;
        }
        Slot slot = slots.computeIfAbsent(Thread.currentThread(), t -> new Slot());
        RedisConnection connection = slot.connection;
        if (connection != null && !connection.pendingQueueFull()) {
            return connection;
        }
        if (connection == null) {
            slot.openIfDue();
        }
        return null;
    }

    /** One event loop's connection. Only that loop's thread touches it, so it needs no synchronisation. */
    private final class Slot {
        private Redis client;
        private volatile RedisConnection connection;
        private boolean opening;
        private long notBefore = nanoClock.getAsLong();

        void openIfDue() {
            if (opening || nanoClock.getAsLong() - notBefore < 0) {
                return;
            }
            opening = true;
            if (client == null) {
                client = dedicatedClients.get();
            }
            // Opened from this loop by a client no other loop uses, so the connection belongs to this loop.
            client.connect().onComplete(opened -> {
                opening = false;
                if (opened.failed()) {
                    notBefore = nanoClock.getAsLong() + RETRY_AFTER_NANOS;
                    LOG.debugf(opened.cause(), "Could not open an event loop's own Redis connection; retrying later");
                    return;
                }
                RedisConnection fresh = opened.result();
                fresh.exceptionHandler(failure -> lost(fresh, failure));
                fresh.endHandler(ended -> lost(fresh, null));
                connection = fresh;
            });
        }

        private void lost(RedisConnection which, Throwable failure) {
            if (connection != which) {
                return;
            }
            connection = null;
            notBefore = nanoClock.getAsLong() + RETRY_AFTER_NANOS;
            which.close();
            LOG.debugf(failure, "An event loop's own Redis connection was lost; its commands use the pool meanwhile");
        }

        void close() {
            RedisConnection held = connection;
            connection = null;
            if (held != null) {
                held.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }
}
