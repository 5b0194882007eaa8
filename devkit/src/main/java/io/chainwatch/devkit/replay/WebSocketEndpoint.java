package io.chainwatch.devkit.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A small RFC 6455 server on its own port, for the replay node's {@code ws://} endpoint: the opening handshake
 * ({@code Sec-WebSocket-Accept}), masked client frames, text messages (fragmented ones reassembled), ping answered
 * with pong, close echoed; binary messages are refused (close 1003), as are messages over {@value #MAX_MESSAGE}
 * bytes (1009). One virtual thread reads each connection; {@link Connection#send} may be called from any thread.
 * No extensions, no subprotocols: what geth's endpoint offers a JSON-RPC client.
 */
final class WebSocketEndpoint implements AutoCloseable {

    static final int MAX_MESSAGE = 4 * 1024 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** An open socket: sends text frames, one at a time. */
    static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean open = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        boolean isOpen() {
            return open;
        }

        /** Sends {@code text} as one text frame; false when the socket is gone. */
        boolean send(byte[] text) {
            return frame(0x1, text);
        }

        synchronized boolean frame(int opcode, byte[] payload) {
            if (!open) {
                return false;
            }
            try {
                byte[] head;
                if (payload.length < 126) {
                    head = new byte[]{(byte) (0x80 | opcode), (byte) payload.length};
                } else if (payload.length < 65_536) {
                    head = new byte[]{(byte) (0x80 | opcode), 126, (byte) (payload.length >>> 8),
                            (byte) payload.length};
                } else {
                    head = new byte[10];
                    head[0] = (byte) (0x80 | opcode);
                    head[1] = 127;
                    for (int i = 0; i < 8; i++) {
                        head[9 - i] = (byte) ((long) payload.length >>> (8 * i));
                    }
                }
                out.write(head);
                out.write(payload);
                out.flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    /** What the endpoint is told: a connection opened, a text message arrived, a connection ended. */
    interface Handler {
        void message(Connection connection, byte[] text);

        void closed(Connection connection);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    WebSocketEndpoint(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("replay-ws-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    int open() {
        return connections.size();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().name("replay-ws").start(() -> serve(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        Connection connection = null;
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String key = handshake(in, socket.getOutputStream());
            if (key == null) {
                return;
            }
            connection = new Connection(socket);
            connections.add(connection);
            read(in, connection, handler::message);
        } catch (IOException e) {
            // the client went away
        } finally {
            if (connection != null) {
                connections.remove(connection);
                connection.close();
                handler.closed(connection);
            }
        }
    }

    /** Reads the upgrade request and answers it; the key, or null after answering 400. */
    private static String handshake(InputStream in, OutputStream out) throws IOException {
        String requestLine = line(in);
        String key = null;
        boolean upgrade = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("sec-websocket-key")) {
                key = value;
            } else if (name.equals("upgrade")) {
                upgrade = value.equalsIgnoreCase("websocket");
            }
        }
        if (!requestLine.startsWith("GET ") || key == null || !upgrade) {
            out.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
            return null;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return key;
    }

    /** {@code Sec-WebSocket-Accept} for {@code key}: base64 of SHA-1 of the key and the RFC's GUID. */
    static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest((key + GUID)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > 8192) {
                throw new IOException("header line too long");
            }
        }
        return line.toString();
    }

    /** Reads frames until a close or the end: text messages to {@code onText}, control frames answered. */
    static void read(InputStream in, Connection connection, BiConsumer<Connection, byte[]> onText)
            throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean inText = false;
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0) {
                connection.frame(0x8, closePayload(1002, "unmasked frame or reserved bits")); // RFC 6455 5.1
                return;
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (long) readByte(in) << 8 | readByte(in);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | readByte(in);
                }
            }
            if (length > MAX_MESSAGE || message.size() + length > MAX_MESSAGE) {
                connection.frame(0x8, closePayload(1009, "message too big"));
                return;
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            if (mask.length < 4 || payload.length < length) {
                return;
            }
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case 0x0 -> { // continuation
                    if (!inText) {
                        connection.frame(0x8, closePayload(1002, "continuation without a message"));
                        return;
                    }
                    message.write(payload);
                    if (fin) {
                        inText = false;
                        onText.accept(connection, message.toByteArray());
                        message.reset();
                    }
                }
                case 0x1 -> {
                    if (inText) {
                        connection.frame(0x8, closePayload(1002, "a new message before the last one ended"));
                        return;
                    }
                    if (fin) {
                        onText.accept(connection, payload);
                    } else {
                        inText = true;
                        message.write(payload);
                    }
                }
                case 0x2 -> {
                    connection.frame(0x8, closePayload(1003, "text frames only"));
                    return;
                }
                case 0x8 -> {
                    connection.frame(0x8, payload.length >= 2 ? java.util.Arrays.copyOf(payload, 2) : new byte[0]);
                    return;
                }
                case 0x9 -> connection.frame(0xA, payload);
                case 0xA -> {
                    // an answer to a ping we never send
                }
                default -> {
                    connection.frame(0x8, closePayload(1002, "unknown opcode " + opcode));
                    return;
                }
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(Connection::close);
        acceptor.interrupt();
    }
}
