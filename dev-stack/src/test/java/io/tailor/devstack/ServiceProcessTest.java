package io.tailor.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void withoutConfigurationEveryServiceGetsTheDefaultHeap() {
        assertEquals(List.of("-Xms64m", "-Xmx512m"), ServiceProcess.jvmOptions(null));
        assertEquals(List.of("-Xms64m", "-Xmx512m"), ServiceProcess.jvmOptions("  "));
    }

    @Test
    void configuredOptionsAreSplitOnWhitespace() {
        assertEquals(
                List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC"),
                ServiceProcess.jvmOptions(" -Xms512m  -Xmx1g\t-XX:+UseParallelGC "));
    }
}
