package io.chainwatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-level TCP proxy on a loopback port in front of a real service (Postgres, a node's websocket, Redis…) whose
 * behaviour a test switches mid-stream, to give the service's clients the outages a network gives them:
 * <ul>
 * <li>{@link Mode#PASS}: bytes pass both ways;</li>
 * <li>{@link Mode#REFUSE}: the port is closed, so new connections are refused, and open ones are reset (RST) — the
 * service or its host is gone;</li>
 * <li>{@link Mode#DROP}: the port stays open but each new connection is closed (FIN) as soon as it is accepted, and
 * open ones are closed — a service that hangs up on everyone;</li>
 * <li>{@link Mode#BLACK_HOLE}: new connections are accepted and never answered, open ones go silent both ways — a
 * dead router or a firewall that drops packets;</li>
 * <li>{@link Mode#STALL}: what clients send still reaches the service, but nothing it sends comes back, on open and
 * new connections — a websocket that silently stopped delivering.</li>
 * </ul>
 * Leaving {@code REFUSE} listens again on the same port. Connections held by a black hole stay silent until closed.
 * <p>
 * Thread-safety: thread-safe; the mode may be switched from any thread while connections are pumped on daemon
 * threads of the proxy's own. {@link #close()} resets every connection.
 */
public final class TcpProxy implements AutoCloseable {

    /** What the proxy does with new and open connections; see the class comment. */
    public enum Mode {
        PASS, REFUSE, DROP, BLACK_HOLE, STALL
    }

    private final InetAddress listenOn;
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger passedConnections = new AtomicInteger();
    private final AtomicInteger endedByPeers = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    private TcpProxy(InetAddress listenOn, String targetHost, int targetPort) throws IOException {
        this.listenOn = listenOn;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(listenOn, 0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** Starts a proxy on a free loopback port, passing through to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        return startOn(InetAddress.getLoopbackAddress(), targetHost, targetPort);
    }

    /**
     * Starts a proxy on a free port of {@code listenOn}, e.g. the gateway of a Docker network, so that containers
     * reach a part the test runs on loopback.
     */
    public static TcpProxy startOn(InetAddress listenOn, String targetHost, int targetPort) {
        try {
            return new TcpProxy(listenOn, targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a port of " + listenOn, e);
        }
    }

    /** Starts a proxy in front of the host and port of {@code targetUrl} (any scheme, e.g. anvil's RPC URL). */
    public static TcpProxy start(String targetUrl) {
        URI target = URI.create(targetUrl);
        return start(target.getHost(), target.getPort());
    }

    /** The loopback port clients connect to instead of the target's; the same for the proxy's whole life. */
    public int port() {
        return port;
    }

    /** {@code scheme://<address>:port}, e.g. {@code url("ws")} for a websocket client. */
    public String url(String scheme) {
        return scheme + "://" + listenOn.getHostAddress() + ":" + port;
    }

    /** Connections accepted and connected to the target while passing through. */
    public int passedConnections() {
        return passedConnections.get();
    }

    /**
     * Connections that ended on their own: closed or reset by the client or the target, not cut by the proxy
     * (switching to {@code REFUSE} or {@code DROP}, or {@link #close()}). Each connection counts once, whichever side
     * ended it first. Black-holed connections, never connected to the target, are not counted.
     */
    public int endedByPeers() {
        return endedByPeers.get();
    }

    /** Switches the proxy to {@code next}, at once for new connections and for those open. */
    public synchronized void switchTo(Mode next) {
        Mode previous = mode;
        mode = next;
        if (next == Mode.REFUSE || next == Mode.DROP) {
            open.forEach(link -> link.cut(next == Mode.REFUSE));
        }
        try {
            if (next == Mode.REFUSE && previous != Mode.REFUSE) {
                server.close();
            } else if (previous == Mode.REFUSE && next != Mode.REFUSE) {
                server = listen(listenOn, port);
                accept(server);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch the proxy on port " + port + " to " + next, e);
        }
    }

    private static ServerSocket listen(InetAddress listenOn, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the same port again after a refusal
        socket.bind(new InetSocketAddress(listenOn, port), 50);
        return socket;
    }

    private void accept(ServerSocket listening) {
        Thread.ofPlatform().daemon().name("tcp-proxy-accept-" + port).start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Mode now = mode;
                    if (now == Mode.DROP) {
                        close(client, false);
                    } else if (now == Mode.BLACK_HOLE) {
                        open.add(new Link(client, null)); // held open, never answered
                    } else {
                        connect(client, now);
                    }
                } catch (IOException e) {
                    // closed for a refusal or by close()
                }
            }
        });
    }

    private void connect(Socket client, Mode now) {
        Socket target;
        try {
            target = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            close(client, true); // the target refused: so does the proxy, as near as a proxy can
            return;
        }
        if (now == Mode.PASS) {
            passedConnections.incrementAndGet();
        }
        Link link = new Link(client, target);
        open.add(link);
        Thread.ofPlatform().daemon().name("tcp-proxy-up-" + port).start(() -> link.pump(client, target, true));
        Thread.ofPlatform().daemon().name("tcp-proxy-down-" + port).start(() -> link.pump(target, client, false));
    }

    private static void close(Socket socket, boolean reset) {
        try {
            if (reset) {
                socket.setSoLinger(true, 0); // RST, not FIN: the peer learns at once that the connection is gone
            }
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        close(server);
        open.forEach(link -> link.cut(true));
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One client connection and, unless black-holed, its connection to the target. */
    private final class Link {
        private final Socket client;
        private final Socket target;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean cut;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void pump(Socket from, Socket to, boolean upstream) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    Mode now = mode;
                    if (now == Mode.PASS || (now == Mode.STALL && upstream)) {
                        out.write(buffer, 0, read);
                        out.flush();
                    } // else swallowed
                }
            } catch (IOException e) {
                // the other direction closed the sockets, a reset, or cut by the proxy: it ended either way
            } finally {
                // the flag is set before the sockets are cut, so a cut is never counted as the peers' doing
                if (ended.compareAndSet(false, true) && !cut && !closed) {
                    endedByPeers.incrementAndGet();
                }
                open.remove(this);
                close(from, false);
                close(to, false);
            }
        }

        void cut(boolean reset) {
            cut = true;
            open.remove(this);
            close(client, reset);
            if (target != null) {
                close(target, reset);
            }
        }
    }
}
