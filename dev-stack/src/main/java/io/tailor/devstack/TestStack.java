package io.tailor.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dev stack of a test JVM: started on first use, stopped when the JVM exits, shared by every test class and
 * Quarkus application that loads this class through the same class loader.
 *
 * <p>Quarkus loads a test's resources in the application's class loader, so a module whose tests start several
 * applications (test profiles) gets one stack per application. Each stack therefore has a folder of its own,
 * {@code target/dev-stack/<pid>-<nanos>}: when they shared {@code target/dev-stack}, a new stack cleared the folder
 * under the brokers still running from earlier applications, two brokers wrote the same checkpoint files, and the
 * newest broker stopped with "all log dirs have failed" (gateway tests, CI of 2026-12-07). Folders left by test JVMs
 * that have exited are removed on the next start.
 */
public final class TestStack {

    private static DevStack stack;

    private TestStack() {}

    /** The running stack, started under {@code target/dev-stack} on first call. */
    public static synchronized DevStack get() {
        if (stack == null) {
            long started = System.nanoTime();
            Path root = Path.of("target", "dev-stack").toAbsolutePath();
            removeFoldersOfExitedJvms(root);
            long pid = ProcessHandle.current().pid();
            stack = DevStack.start(DevStack.Options.testRun(root.resolve(pid + "-" + System.nanoTime())));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dev-stack-stop"));
            System.out.printf(
                    "Tailor dev stack up in %d ms: PostgreSQL :%d, Redis :%d, Kafka %s (broker log %s)%n",
                    (System.nanoTime() - started) / 1_000_000,
                    stack.postgres().port(),
                    stack.redis().port(),
                    stack.kafka().bootstrapServers(),
                    stack.kafka().logFile());
        }
        return stack;
    }

    /** Folders named {@code <pid>-...} whose JVM is gone, and anything else an older layout left here. */
    private static void removeFoldersOfExitedJvms(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(entry -> owner(entry).flatMap(ProcessHandle::of).isEmpty())
                    .forEach(DevStack::deleteRecursively);
        } catch (IOException e) {
            System.out.printf("Could not tidy %s: %s%n", root, e);
        }
    }

    private static Optional<Long> owner(Path folder) {
        String name = folder.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Optional.of(Long.parseLong(name.substring(0, dash))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
