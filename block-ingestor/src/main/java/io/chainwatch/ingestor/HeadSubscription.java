package io.chainwatch.ingestor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.ingestor.rpc.Capability;
import io.chainwatch.ingestor.rpc.EndpointCapabilities;
import io.chainwatch.ingestor.rpc.JsonRpcErrorException;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcErrorKind;

/**
 * An {@code eth_subscribe("newHeads")} websocket that announces new heads to a {@link HeadSignal}. It only speeds
 * the follower up: blocks are still read over HTTP, and polling goes on underneath. web3j's websocket neither
 * reconnects nor notices a silent stall, so this one does both itself: on close or error it reconnects with backoff
 * (1 s doubling to 30 s), and when no message arrived for {@code stallAfter} although polling saw the chain advance
 * it drops the socket and reconnects. A quiet chain (a devnet mining on demand) is not a stall. An endpoint that
 * answers the subscription with a non-transient error (no websocket subscriptions on this plan or node) does not
 * offer {@link Capability#NEW_HEADS}: it is asked again only after the capability recheck interval, and polling alone
 * finds new heads meanwhile.
 */
final class HeadSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeadSubscription.class);
    private static final String SUBSCRIBE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":"
            + "[\"newHeads\"]}";
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String chain;
    private final String name;
    private final Duration recheck;
    private final EndpointCapabilities capabilities;
    private volatile String lastError;
    private final HeadSignal signal;
    private final Duration stallAfter;
    private final Clock clock;
    private final LongSupplier polledHead;
    private final Runnable onSubscribed;
    private final AtomicLong announcedHead = new AtomicLong(-1);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong lastMessageAt = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile long backoffMillis = 1000;

    /**
     * @param polledHead the best head polling has seen so far (-1 before the first answer)
     * @param recheck how long a refused subscription is remembered before it is asked for again
     * @param onSubscribed told each time a socket's {@code eth_subscribe} is accepted (a metric, which tests wait on)
     */
    HeadSubscription(String chain, String url, HeadSignal signal, Duration stallAfter, Clock clock,
            LongSupplier polledHead, Duration recheck, Runnable onSubscribed) {
        this.chain = chain;
        this.onSubscribed = onSubscribed;
        this.url = URI.create(url);
        this.polledHead = polledHead;
        this.name = ChainConfig.redact(url);
        this.recheck = recheck;
        this.capabilities = new EndpointCapabilities(name, clock, recheck, 1);
        this.signal = signal;
        this.stallAfter = stallAfter;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ws-heads").daemon()
                .factory());
    }

    void start() {
        connect();
        long check = Math.max(250, stallAfter.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::checkStall, check, check, TimeUnit.MILLISECONDS);
    }

    private void connect() {
        if (closed) {
            return;
        }
        lastMessageAt.set(clock.millis());
        announcedHead.accumulateAndGet(polledHead.getAsLong(), Math::max); // a new socket owes us only newer heads
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(url, new Listener()).whenComplete((
                ws, error) -> {
            if (error != null) {
                reconnectLater("cannot connect: " + error.getMessage());
            } else {
                socket = ws;
                ws.sendText(SUBSCRIBE, true);
                LOG.info("Subscribed to new heads on {}", name);
            }
        });
    }

    /**
     * A stall: nothing heard for longer than {@code stallAfter}, while polling has seen a head newer than any the
     * socket announced. Silence on a chain that did not move is no stall.
     */
    static boolean isStalled(long nowMillis, long lastMessageAtMillis, Duration stallAfter, long polledHead,
            long announcedHead) {
        return nowMillis - lastMessageAtMillis > stallAfter.toMillis() && polledHead > announcedHead;
    }

    /** The block number of a {@code newHeads} notification, or -1 when it carries none. */
    static long headNumber(String notification) {
        Matcher m = NUMBER.matcher(notification);
        return m.find() ? Long.parseLong(m.group(1), 16) : -1;
    }

    private void checkStall() {
        WebSocket current = socket;
        if (current != null && isStalled(clock.millis(), lastMessageAt.get(), stallAfter, polledHead.getAsLong(),
                announcedHead.get())) {
            LOG.warn("No new head from {} for {} ms although the chain advanced: reconnecting its websocket", name,
                    stallAfter.toMillis());
            socket = null;
            current.abort();
            reconnectLater("stalled");
        }
    }

    String chain() {
        return chain;
    }

    String name() {
        return name;
    }

    /** "newHeads: yes, last error: none" — for health. */
    String describe() {
        return Capability.NEW_HEADS.shortName() + ": " + capabilities.describe(Capability.NEW_HEADS)
                + ", last error: " + (lastError == null ? "none" : lastError);
    }

    /** The answer to our {@code eth_subscribe}: a subscription id, or an error saying why not. */
    private void onSubscribeAnswer(JsonNode answer, WebSocket webSocket) {
        JsonNode error = answer.path("error");
        if (!error.isObject()) {
            capabilities.offered(Capability.NEW_HEADS);
            onSubscribed.run();
            return;
        }
        JsonRpcErrorException refusal = new JsonRpcErrorException(error.path("code").asInt(0), error.path("message")
                .asText(""));
        LOG.debug("{} answered eth_subscribe newHeads with {}", name, answer);
        lastError = RpcErrorClassifier.describe(refusal, url.toString());
        RpcErrorKind kind = capabilities.learnFrom(Capability.NEW_HEADS, refusal, lastError);
        if (kind.isTransient() || kind.isAboutThisRequest()) {
            return; // e.g. rate limited: the stall check reconnects later
        }
        socket = null;
        webSocket.abort();
        if (!closed) {
            scheduler.schedule(this::connect, recheck.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reconnectLater(String reason) {
        if (closed) {
            return;
        }
        lastError = RpcErrorClassifier.safeText(reason, url.toString()); // an error message may echo the URL
        long delay = backoffMillis;
        backoffMillis = Math.min(30_000, backoffMillis * 2);
        LOG.debug("websocket {} {}; reconnecting in {} ms", name, reason, delay);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                lastMessageAt.set(clock.millis());
                if (message.contains("\"eth_subscription\"")) {
                    backoffMillis = 1000;
                    announcedHead.accumulateAndGet(headNumber(message), Math::max);
                    signal.announce();
                } else {
                    readSubscribeAnswer(message, webSocket);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void readSubscribeAnswer(String message, WebSocket webSocket) {
            try {
                JsonNode answer = JSON.readTree(message);
                if (answer.path("id").asInt(-1) == 1) {
                    onSubscribeAnswer(answer, webSocket);
                }
            } catch (java.io.IOException e) {
                LOG.debug("{} sent something that is not JSON: {}", name, message);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (socket == webSocket) {
                socket = null;
                reconnectLater("closed (" + statusCode + ")");
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (socket == webSocket || socket == null) {
                socket = null;
                reconnectLater("failed: " + error.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        scheduler.shutdownNow();
    }
}
