package io.tailor.kit.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a service whose REST clients point nowhere. The other services' URLs come from environment
 * variables ({@code quarkus.rest-client.<service>.url=${<SERVICE>_URL}}), and Quarkus resolves a client's URL only
 * when the client is first used, so a missing variable would otherwise surface as a 500 on the first request that
 * needs that service, perhaps hours after a deployment looked healthy.
 */
@Singleton
public class ServiceUrlsCheck {

    private static final String PREFIX = "quarkus.rest-client.";
    private static final String SUFFIX = ".url";

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Cannot start: a service this one calls has no URL. " + String.join("; ", problems));
        }
    }

    /** One line per REST client URL that is configured but has no value (e.g. its variable is not set). */
    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        config.getPropertyNames().forEach(names::add);
        for (String name : names) {
            // Quarkus also lists each client under quoted and class-name aliases of the same setting; the names as
            // written in application.properties are enough
            if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.indexOf('"') >= 0) {
                continue;
            }
            try {
                config.getValue(name, String.class);
            } catch (NoSuchElementException e) {
                // SmallRye names the cause: a variable that is not set, or no value at all
                problems.add(name + ": " + e.getMessage());
            }
        }
        return problems;
    }
}
