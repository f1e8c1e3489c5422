package io.tailor.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void withoutConfigurationEveryServiceGetsTheDefaultHeap() {
        assertEquals(List.of("-Xms64m", "-Xmx512m"), ServiceProcess.jvmOptions("profile-service", null));
        assertEquals(List.of("-Xms64m", "-Xmx512m"), ServiceProcess.jvmOptions("content-service", "  "));
    }

    @Test
    void theGatewayRunsZgcUnlessTheOptionsChooseACollector() {
        assertEquals(List.of("-Xms64m", "-Xmx512m", "-XX:+UseZGC"), ServiceProcess.jvmOptions("gateway", null));
        assertEquals(List.of("-Xmx1g", "-XX:+UseZGC"), ServiceProcess.jvmOptions("gateway", "-Xmx1g"));
        assertEquals(
                List.of("-Xmx1g", "-XX:+UseSerialGC"), ServiceProcess.jvmOptions("gateway", "-Xmx1g -XX:+UseSerialGC"));
    }

    @Test
    void configuredOptionsAreSplitOnWhitespace() {
        assertEquals(
                List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC"),
                ServiceProcess.jvmOptions("segment-service", " -Xms512m  -Xmx1g\t-XX:+UseParallelGC "));
    }
}
