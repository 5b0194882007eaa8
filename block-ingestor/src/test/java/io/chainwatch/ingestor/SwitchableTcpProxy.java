package io.chainwatch.ingestor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-level TCP proxy in front of a node's websocket port, whose behaviour a test switches mid-stream: pass
 * through, drop every connection (and each new one at once), or stall — keep the connections open but swallow what
 * the node sends, as a websocket that silently stopped delivering heads does.
 */
final class SwitchableTcpProxy implements AutoCloseable {

    enum Mode {
        PASS, DROP, STALL
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger passedConnections = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closing;

    SwitchableTcpProxy(String targetUrl) throws IOException {
        URI target = URI.create(targetUrl);
        this.targetHost = target.getHost();
        this.targetPort = target.getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    /** The websocket URL clients use instead of the node's. */
    String wsUrl() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted and forwarded while passing through. */
    int passedConnections() {
        return passedConnections.get();
    }

    /**
     * Connections that ended while the proxy was neither dropping them nor shutting down. The node never hangs up a
     * websocket by itself, so the client ended these: by closing or aborting its socket, or by a close handshake the
     * node completes — then the node's side ends first, which is why both directions count, once per connection.
     */
    int closedByClient() {
        return closedByClient.get();
    }

    void switchTo(Mode next) {
        mode = next;
        if (next == Mode.DROP) {
            open.forEach(SwitchableTcpProxy::closeQuietly);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (mode == Mode.DROP) {
                    closeQuietly(client);
                    continue;
                }
                Socket node = new Socket(targetHost, targetPort);
                if (mode == Mode.PASS) {
                    passedConnections.incrementAndGet();
                }
                open.add(client);
                open.add(node);
                AtomicBoolean ended = new AtomicBoolean();
                Thread.ofPlatform().daemon().start(() -> pump(client, node, ended, true));
                Thread.ofPlatform().daemon().start(() -> pump(node, client, ended, false));
            } catch (IOException e) {
                // closed, or a refused connection to the node: the client sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean ended, boolean clientToNode) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (clientToNode || mode != Mode.STALL) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the other direction closed the sockets, or a reset: the connection ended either way
        } finally {
            if (ended.compareAndSet(false, true) && mode != Mode.DROP && !closing) {
                closedByClient.incrementAndGet();
            }
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        server.close();
        open.forEach(SwitchableTcpProxy::closeQuietly);
    }
}
