package io.tailor.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} real PostgreSQL, Redis and Kafka from the {@link TestStack}. The service names its
 * database with the init argument {@code database}; the resource supplies the same variables a deployed service
 * reads from its environment.
 */
public final class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "tailor");
    }

    @Override
    public Map<String, String> start() {
        return TestStack.get().serviceEnvironment(database);
    }

    @Override
    public void stop() {
        // The stack outlives each Quarkus application; it stops when the test JVM exits.
    }
}
