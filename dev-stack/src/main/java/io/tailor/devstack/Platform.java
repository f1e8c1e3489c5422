package io.tailor.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of Tailor on one machine: the dev stack and the six services as packaged applications, wired together
 * through their environment exactly as the Kubernetes manifests wire them. Used by the run command and by the
 * end-to-end tests.
 */
public final class Platform implements AutoCloseable {

    /** Service name to its database name. */
    public static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("profile-service", "profile");
        SERVICES.put("segment-service", "segment");
        SERVICES.put("recommendation-service", "recommendation");
        SERVICES.put("content-service", "content");
        SERVICES.put("experiment-service", "experiment");
        SERVICES.put("gateway", "gateway");
    }

    /**
     * How to run the platform.
     *
     * @param ports service name to port (0 = any free port)
     * @param extraEnv added to every service's environment
     */
    public record Options(
            Path projectRoot,
            Path logDir,
            Map<String, Integer> ports,
            String publicKey,
            String secretKey,
            Map<String, String> extraEnv) {}

    private final DevStack stack;
    private final Map<String, ServiceProcess> services;
    private final Map<String, Map<String, String>> environments;
    private final Options options;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Platform(
            DevStack stack,
            Map<String, ServiceProcess> services,
            Map<String, Map<String, String>> environments,
            Options options) {
        this.stack = stack;
        this.services = services;
        this.environments = environments;
        this.options = options;
    }

    /** Starts the six services against a running stack and waits until each is ready. */
    public static Platform start(DevStack stack, Options options, Duration readyTimeout) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.keySet().forEach(name -> {
            int wanted = options.ports().getOrDefault(name, 0);
            ports.put(name, wanted == 0 ? FreePorts.pick() : wanted);
        });
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> service : SERVICES.entrySet()) {
                Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment(service.getValue()));
                env.put("PROFILE_EMAIL_HASH_KEY", "local-platform-email-hash-key");
                env.put("CONTENT_MESSAGES_UNSUBSCRIBE_SECRET", "local-platform-unsubscribe-secret");
                // unsubscribe links and product links in journey e-mail point at the gateway's demo store
                env.put("CONTENT_MESSAGES_PUBLIC_URL", "http://localhost:" + ports.get("gateway"));
                env.put("PROFILE_SERVICE_URL", "http://127.0.0.1:" + ports.get("profile-service"));
                env.put("SEGMENT_SERVICE_URL", "http://127.0.0.1:" + ports.get("segment-service"));
                env.put("RECOMMENDATION_SERVICE_URL", "http://127.0.0.1:" + ports.get("recommendation-service"));
                env.put("CONTENT_SERVICE_URL", "http://127.0.0.1:" + ports.get("content-service"));
                env.put("EXPERIMENT_SERVICE_URL", "http://127.0.0.1:" + ports.get("experiment-service"));
                env.put("GATEWAY_PUBLIC_KEY", options.publicKey());
                env.put("GATEWAY_SECRET_KEY", options.secretKey());
                env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
                env.putAll(options.extraEnv());
                environments.put(service.getKey(), env);
                started.put(
                        service.getKey(),
                        ServiceProcess.start(
                                service.getKey(),
                                options.projectRoot(),
                                ports.get(service.getKey()),
                                env,
                                options.logDir()));
            }
            for (ServiceProcess service : started.values()) {
                service.awaitReady(readyTimeout);
            }
            return new Platform(stack, started, environments, options);
        } catch (RuntimeException e) {
            List<ServiceProcess> all = new ArrayList<>(started.values());
            all.forEach(ServiceProcess::close);
            throw e;
        }
    }

    public DevStack stack() {
        return stack;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    public Options options() {
        return options;
    }

    /** Stops one service gracefully, as a rolling deployment or an operator would. */
    public void stop(String name) {
        service(name).close();
    }

    /** Starts a stopped (or crashed) service again on its port with its environment and waits until it is ready. */
    public ServiceProcess restart(String name, Duration readyTimeout) {
        ServiceProcess previous = service(name);
        previous.close();
        ServiceProcess next = ServiceProcess.start(
                name, options.projectRoot(), previous.port(), environments.get(name), options.logDir());
        services.put(name, next);
        next.awaitReady(readyTimeout);
        return next;
    }

    /** Stops the services (the gateway first); the stack is its owner's to stop. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(ServiceProcess::close);
    }
}
