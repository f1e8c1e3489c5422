package io.tailor.devstack;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the child JVM that runs the Kafka broker. It runs {@code kafka.Kafka} and exits as soon as its
 * standard input closes, so a broker never outlives the JVM (test run or launcher) that started it, even when that
 * JVM is killed.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(KafkaBrokerMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static void exitWhenParentGoes() {
        try (InputStream in = System.in) {
            while (in.read() != -1) {
                // the parent never writes; the read ends when the pipe closes
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of input
        }
        System.exit(0);
    }
}
