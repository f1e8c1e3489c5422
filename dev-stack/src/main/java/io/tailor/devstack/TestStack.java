package io.tailor.devstack;

import java.nio.file.Path;

/**
 * The one dev stack of a test JVM: started on first use, stopped when the JVM exits. Every test class and every
 * Quarkus application started by the tests share it, so infrastructure starts once per module, not per class.
 */
public final class TestStack {

    private static DevStack stack;

    private TestStack() {}

    /** The running stack, started under {@code target/dev-stack} on first call. */
    public static synchronized DevStack get() {
        if (stack == null) {
            long started = System.nanoTime();
            stack = DevStack.start(
                    DevStack.Options.testRun(Path.of("target", "dev-stack").toAbsolutePath()));
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
}
