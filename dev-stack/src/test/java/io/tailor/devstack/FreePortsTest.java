package io.tailor.devstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksABindablePortBelowTheEphemeralRange() throws Exception {
        int port = FreePorts.pick();
        assertTrue(port >= FreePorts.FIRST && port <= FreePorts.LAST, "port " + port);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(server.isBound());
        }
    }

    @Test
    void aBoundPortIsNotBindable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(FreePorts.canBind(server.getLocalPort()));
        }
    }
}
