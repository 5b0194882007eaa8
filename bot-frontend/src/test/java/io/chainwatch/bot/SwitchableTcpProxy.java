package io.chainwatch.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level TCP proxy in front of Postgres that a test switches between passing through and two kinds of outage:
 * refusing (the port is closed and open connections are reset, as when Postgres or its host is gone) and black-holing
 * (connections are accepted but nothing comes back, and open ones go silent, as behind a dead router or firewall).
 */
final class SwitchableTcpProxy implements AutoCloseable {

    enum Mode {
        PASS, REFUSE, BLACK_HOLE
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile Mode mode = Mode.PASS;

    SwitchableTcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** The local port clients connect to instead of Postgres's. */
    int port() {
        return port;
    }

    synchronized void switchTo(Mode next) throws IOException {
        Mode previous = mode;
        mode = next;
        if (next == Mode.REFUSE) {
            server.close();
            open.forEach(SwitchableTcpProxy::reset);
        } else if (previous == Mode.REFUSE) {
            server = listen(port);
            accept(server);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the same port again after a refusal
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void accept(ServerSocket listening) {
        Thread.ofPlatform().daemon().name("pg-proxy-accept").start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    open.add(client);
                    if (mode == Mode.BLACK_HOLE) {
                        continue; // held open, never answered
                    }
                    Socket postgres = new Socket(targetHost, targetPort);
                    open.add(postgres);
                    Thread.ofPlatform().daemon().start(() -> pump(client, postgres));
                    Thread.ofPlatform().daemon().start(() -> pump(postgres, client));
                } catch (IOException e) {
                    // closed for a refusal or at the end of the test
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (mode == Mode.PASS) {
                    out.write(buffer, 0, read);
                    out.flush();
                } // else swallowed: a black hole
            }
        } catch (IOException e) {
            // reset by a refusal, or the other side closed
        } finally {
            open.remove(from);
            open.remove(to);
            reset(from);
            reset(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, not FIN: the peer learns at once that the connection is gone
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(SwitchableTcpProxy::reset);
    }
}
