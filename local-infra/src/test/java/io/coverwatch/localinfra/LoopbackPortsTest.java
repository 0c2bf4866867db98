package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    /**
     * A broker once failed to start because its two ports, asked for one after the other, were the same: the kernel
     * hands a just-closed ephemeral port out again. Two thousand asks in a row would meet a repeat by chance alone.
     */
    @Test
    void portsAskedForOneAfterTheOtherAreNeverTheSame() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ports.add(LoopbackPorts.free());
        }
        assertEquals(2_000, ports.size());
    }
}
