package io.coverwatch.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on 127.0.0.1 (free when asked; the child binds them a moment later). */
public final class LoopbackPorts {

    /**
     * Every port this JVM has handed out. The kernel may give a just-closed ephemeral port again at once, so two ports
     * asked for one after the other (a broker's and its controller's) could be the same before their child binds
     * either; a broker then refused to start with "two listeners on the same port".
     */
    private static final Set<Integer> GIVEN = new HashSet<>();

    private LoopbackPorts() {}

    /** A port free on 127.0.0.1 right now, and not handed out before by this JVM. */
    public static synchronized int free() {
        while (true) {
            int port = ephemeral();
            if (GIVEN.add(port)) {
                return port;
            }
        }
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** The given port, or a free one for 0. */
    public static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port);
        }
        return port == 0 ? free() : port;
    }
}
