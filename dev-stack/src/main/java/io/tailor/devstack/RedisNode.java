package io.tailor.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/** A real redis-server (the binary shipped in the embedded-redis jar) on loopback. */
public final class RedisNode implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private RedisNode(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts Redis on {@code port} (0 = any free port).
     *
     * @param durable true to keep data in {@code dataDir} across restarts (append-only file), false for tests
     */
    public static RedisNode start(Path dataDir, int port, boolean durable) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        try {
            Files.createDirectories(dataDir);
            RedisServer server = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly " + (durable ? "yes" : "no"))
                    .setting(durable ? "save 60 1" : "save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .setting("protected-mode yes")
                    .build();
            server.start();
            FreePorts.awaitListening(chosen, Duration.ofSeconds(20), "Redis");
            return new RedisNode(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + chosen, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop cleanly", e);
        }
    }
}
