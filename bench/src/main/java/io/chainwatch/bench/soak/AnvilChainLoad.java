package io.chainwatch.bench.soak;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.bench.services.Subscriptions.Watch;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;

/**
 * A chain on anvil: started mining on demand, a test token deployed and minted to the dev accounts; then this load
 * mines a block every {@link Rhythm#blockTime()} itself ({@code evm_mine}, so it knows when each block exists) and
 * submits transactions at the rhythm's rate in JSON-RPC batches of {@code eth_sendTransaction} every
 * {@value #TICK_MILLIS} ms, each sender at most once per batch (anvil serves a batch's requests concurrently and gave
 * two of one sender the same nonce; setting nonces here instead left gaps that stalled senders): native transfers and token transfers from the dev accounts, to addresses nobody watches
 * or, with probability {@code watchedShare}, to a watched one.
 */
public final class AnvilChainLoad implements ChainLoad {

    static final long TICK_MILLIS = 50;
    /** Large enough for a burst's blocks (900 transactions of up to 90,000 gas at 2,000/s and 0.45 s). */
    static final long GAS_LIMIT = 500_000_000L;
    static final String TRANSFER_SELECTOR = "0xa9059cbb";
    /** States anvil keeps: enough for the ingestor's reads at the head; its memory otherwise grows without end. */
    static final int KEPT_STATES = 128;
    /** Dev accounts sending: a burst tick (100 transactions) fits one batch with each sender once. */
    static final int SENDERS = 100;

    private final String chain;
    private final Rhythm rhythm;
    private final WatchedAddresses watched;
    private final double watchedShare;
    private final double tokenShare;
    private final int burstChats;
    private final Clock clock;
    private final AnvilNode node;
    private final List<String> senders;
    private final Token token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong mineLate = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final SplittableRandom random;
    private final java.util.Map<String, Long> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Listener listener;
    private long head;

    /**
     * Starts anvil serving {@code chainId} and prepares it (token, balances).
     *
     * @param watchedShare the share of transactions whose recipient is watched
     * @param tokenShare the share of transactions that are token transfers
     * @param burstChats during bursts, watched recipients belong to this many chats only (0: any)
     */
    public AnvilChainLoad(String chain, long chainId, Rhythm rhythm, WatchedAddresses watched, double watchedShare,
            double tokenShare, int burstChats, long seed, Clock clock) {
        this.chain = chain;
        this.rhythm = rhythm;
        this.watched = watched;
        this.watchedShare = watchedShare;
        this.tokenShare = tokenShare;
        this.burstChats = burstChats;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.node = AnvilNode
                .start(AnvilNode.options().chainId(chainId).gasLimit(GAS_LIMIT).accounts(SENDERS).pruneHistory(
                        KEPT_STATES));
        try {
            this.senders = node.accounts();
            this.token = TestContracts.deployToken(node, senders.get(0), "SOAK", 18);
            for (String sender : senders) {
                token.mint(sender, BigInteger.TEN.pow(36));
            }
            node.setAutomine(false);
            this.head = node.blockNumber();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public String chain() {
        return chain;
    }

    @Override
    public String rpcUrls(boolean websocket) {
        return websocket ? node.rpcUrl().replace("http://", "ws://") + "," + node.rpcUrl() : node.rpcUrl();
    }

    @Override
    public void begin(Instant start, Listener listener) {
        this.listener = listener;
        running.set(true);
        executor.scheduleAtFixedRate(() -> mine(listener), rhythm.blockTime().toNanos(), rhythm.blockTime()
                .toNanos(), TimeUnit.NANOSECONDS);
        executor.execute(() -> submitLoop(start, listener));
    }

    private void mine(Listener listener) {
        if (!running.get()) {
            return;
        }
        try {
            node.rpc("evm_mine");
            head++;
            listener.blockMade(chain, head, clock.instant());
        } catch (RuntimeException e) {
            mineLate.incrementAndGet();
        }
    }

    private void submitLoop(Instant start, Listener listener) {
        long sent = 0;
        while (running.get()) {
            Instant now = clock.instant();
            Duration elapsed = Duration.between(start, now);
            long due = rhythm.dueBy(elapsed, Duration.ofMillis(TICK_MILLIS)) - sent;
            if (due > 0) {
                boolean burst = rhythm.inBurst(elapsed);
                long batch = Math.min(due, senders.size());
                while (batch > 0) {
                    sent += submit((int) batch, burst, listener);
                    due -= batch;
                    batch = Math.min(due, senders.size());
                }
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends {@code n} transactions in one batch; returns {@code n} (refusals are counted, not retried). */
    private int submit(int n, boolean burst, Listener listener) {
        ArrayNode batch = json.createArrayNode();
        List<Watch> targets = new ArrayList<>(n);
        List<Boolean> tokens = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            boolean isWatched = random.nextDouble() < watchedShare;
            Watch target = isWatched ? watched.pick(chain, random, burst ? burstChats : 0) : null;
            String to = isWatched ? target.address() : watched.unwatched(random);
            boolean isToken = random.nextDouble() < tokenShare;
            int sender = (int) ((submitted.get() + k) % senders.size()); // distinct: n ≤ senders
            ObjectNode tx = json.createObjectNode().put("from", senders.get(sender));
            if (isToken) {
                tx.put("to", token.address()).put("gas", "0x15f90").put("data", TRANSFER_SELECTOR + word(to) + String
                        .format("%064x", 1_000_000 + random.nextInt(1_000_000)));
            } else {
                tx.put("to", to).put("gas", "0x5208").put("value", "0x" + Long.toHexString(1_000 + random.nextInt(
                        1_000_000)));
            }
            ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("id", k).put("method",
                    "eth_sendTransaction");
            request.putArray("params").add(tx);
            batch.add(request);
            targets.add(target);
            tokens.add(isToken);
        }
        try {
            JsonNode answers = json.readTree(http.send(HttpRequest.newBuilder(URI.create(node.rpcUrl())).header(
                    "Content-Type", "application/json").timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers
                            .ofByteArray(json.writeValueAsBytes(batch)))
                    .build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            Instant at = clock.instant();
            for (JsonNode answer : answers) {
                int k = answer.path("id").asInt();
                if (answer.has("error") || !answer.has("result")) {
                    refused.incrementAndGet();
                    refusals.merge(answer.path("error").path("message").asText("no result"), 1L, Long::sum);
                    continue;
                }
                Watch target = targets.get(k);
                if (target != null) {
                    listener.watchedSent(chain, answer.get("result").asText().toLowerCase(Locale.ROOT), target
                            .chatId(), tokens.get(k), at);
                }
            }
        } catch (java.io.IOException e) {
            refused.addAndGet(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        submitted.addAndGet(n);
        return n;
    }

    private static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    @Override
    public void stop() {
        running.set(false);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // what was submitted last is mined too, so that every expected notification has a block
        try {
            node.rpc("evm_mine");
            head++;
            if (listener != null) {
                listener.blockMade(chain, head, clock.instant());
            }
        } catch (RuntimeException e) {
            // the node is gone: the report shows what is missing
        }
    }

    @Override
    public long submitted() {
        return submitted.get();
    }

    @Override
    public long refused() {
        return refused.get();
    }

    @Override
    public java.util.Map<String, Long> refusals() {
        return java.util.Map.copyOf(refusals);
    }

    @Override
    public String describe() {
        String bursts = rhythm.burstEvery().isZero()
                ? "no bursts"
                : String.format(Locale.ROOT, "bursts of %.0f tx/s for %d s every %d s from %d s", rhythm.burstTps(),
                        rhythm.burstLength().toSeconds(), rhythm.burstEvery().toSeconds(), rhythm.firstBurst()
                                .toSeconds());
        return String.format(Locale.ROOT, "%s on anvil: a block every %d ms, %d tx each (%.0f tx/s), %s; "
                + "%.1f %% watched, %.0f %% token transfers", chain, rhythm.blockTime().toMillis(),
                rhythm
                        .txPerBlock(),
                rhythm.steadyTps(), bursts, watchedShare * 100, tokenShare * 100);
    }

    @Override
    public long nodePid() {
        return node.pid();
    }

    @Override
    public void close() {
        running.set(false);
        executor.shutdownNow();
        node.close();
    }
}
