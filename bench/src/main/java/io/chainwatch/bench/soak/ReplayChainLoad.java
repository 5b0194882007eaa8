package io.chainwatch.bench.soak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.chainwatch.bench.services.Subscriptions.Watch;
import io.chainwatch.devkit.replay.LiveReplayChain;
import io.chainwatch.devkit.replay.LiveReplayChain.Tx;
import io.chainwatch.devkit.replay.ReplayNode;

/**
 * A chain on the devkit's replay node, in this JVM: a {@link LiveReplayChain} served by a {@link ReplayNode} (http,
 * and ws with {@code newHeads} pushed), to which this load appends block {@code k} at {@code start + k × blockTime}
 * (absolute deadlines: a late block does not delay the next ones), holding {@link Rhythm#txPerBlock()} transactions
 * in steady state and {@code blockTime × burstTps} during bursts. Recipients are drawn as {@link AnvilChainLoad}
 * draws them: with probability {@code watchedShare} a watched address (during bursts one of the first
 * {@code burstChats} chats'), else one nobody watches; with probability {@code tokenShare} a token transfer (with its
 * {@code Transfer} log), else a native one. Each block is timed from the moment it became the node's head. The node
 * keeps the last {@value #WINDOW} blocks only, so the run's memory stays flat for hours, and costs the pipeline no
 * separate process's CPU; it signs nothing and runs no EVM (anvil mode does).
 */
public final class ReplayChainLoad implements ChainLoad {

    /** Blocks the node keeps: BSC's last ~2 minutes, Ethereum's last ~50; the ingestor reads at the head. */
    static final int WINDOW = 256;
    static final int NODE_THREADS = 4;

    /** One transaction of a block and, when its recipient is watched, who watches it. */
    record Planned(Tx tx, Watch watch) {
    }

    private final String chain;
    private final Rhythm rhythm;
    private final WatchedAddresses watched;
    private final double watchedShare;
    private final double tokenShare;
    private final int burstChats;
    private final Clock clock;
    private final SplittableRandom random;
    private final LiveReplayChain live;
    private final ReplayNode node;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong maxLateMillis = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread producer;
    private volatile Instant start;
    private volatile Listener listener;

    /**
     * Starts a replay node serving an empty chain of {@code chainId} (its genesis now).
     *
     * @param watchedShare the share of transactions whose recipient is watched
     * @param tokenShare the share of transactions that are token transfers
     * @param burstChats during bursts, watched recipients belong to this many chats only (0: any)
     */
    public ReplayChainLoad(String chain, long chainId, Rhythm rhythm, WatchedAddresses watched, double watchedShare,
            double tokenShare, int burstChats, long seed, Clock clock) {
        this.chain = chain;
        this.rhythm = rhythm;
        this.watched = watched;
        this.watchedShare = watchedShare;
        this.tokenShare = tokenShare;
        this.burstChats = burstChats;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.live = new LiveReplayChain(chainId, WINDOW, seed, clock.instant());
        this.node = ReplayNode.start(live, NODE_THREADS);
    }

    @Override
    public String chain() {
        return chain;
    }

    @Override
    public String rpcUrls(boolean websocket) {
        return websocket ? node.wsUrl() + "," + node.rpcUrl() : node.rpcUrl();
    }

    /** The node, for tests. */
    ReplayNode node() {
        return node;
    }

    @Override
    public void begin(Instant start, Listener listener) {
        listen(start, listener);
        running.set(true);
        producer = Thread.ofPlatform().name("replay-load-" + chain).daemon().start(this::run);
    }

    /** Sets the run's origin and listener without producing: {@link #produce} by hand, for tests. */
    void listen(Instant start, Listener listener) {
        this.start = start;
        this.listener = listener;
    }

    /** When block {@code k} (1, 2, …) of the run is due: {@code start + k × blockTime}. */
    static Instant deadline(Instant start, Duration blockTime, long k) {
        return start.plusNanos(blockTime.toNanos() * k);
    }

    /** Transactions in a block due {@code elapsed} after the start: the steady count, or burst rate × block time. */
    static int txCount(Rhythm rhythm, Duration elapsed) {
        return rhythm.inBurst(elapsed)
                ? (int) Math.round(rhythm.burstTps() * rhythm.blockTime().toNanos() / 1e9)
                : rhythm.txPerBlock();
    }

    private void run() {
        long k = 1;
        while (running.get()) {
            Instant due = deadline(start, rhythm.blockTime(), k);
            long wait = Duration.between(clock.instant(), due).toNanos();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else if (-wait > rhythm.blockTime().toNanos() / 10) {
                late.incrementAndGet();
                maxLateMillis.accumulateAndGet(-wait / 1_000_000, Math::max);
            }
            if (!running.get()) {
                return;
            }
            produce(k++);
        }
    }

    /**
     * Appends block {@code k} of the run with its planned transactions and tells the listener: each watched
     * transaction, then the block with the instant it became the head. Returns the block's number.
     */
    long produce(long k) {
        Duration elapsed = rhythm.blockTime().multipliedBy(k);
        boolean burst = rhythm.inBurst(elapsed);
        List<Planned> planned = plan(txCount(rhythm, elapsed), burst);
        List<Tx> txs = new ArrayList<>(planned.size());
        planned.forEach(p -> txs.add(p.tx()));
        LiveReplayChain.Appended block = live.append(txs, clock.instant());
        Instant at = clock.instant();
        submitted.addAndGet(txs.size());
        blocks.incrementAndGet();
        Listener l = listener;
        if (l != null) {
            for (int i = 0; i < planned.size(); i++) {
                Watch w = planned.get(i).watch();
                if (w != null) {
                    l.watchedSent(chain, block.txHashes().get(i), w.chatId(), planned.get(i).tx()
                            .kind() == LiveReplayChain.Kind.TOKEN, at);
                }
            }
            l.blockMade(chain, block.number(), at);
        }
        return block.number();
    }

    /** {@code n} transactions with their recipients drawn as {@link AnvilChainLoad} draws them. */
    List<Planned> plan(int n, boolean burst) {
        List<Planned> planned = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean isWatched = random.nextDouble() < watchedShare;
            Watch target = isWatched ? watched.pick(chain, random, burst ? burstChats : 0) : null;
            String to = isWatched ? target.address() : watched.unwatched(random);
            boolean isToken = random.nextDouble() < tokenShare;
            planned.add(new Planned(isToken ? Tx.tokenTransfer(to) : Tx.nativeTransfer(to), target));
        }
        return planned;
    }

    @Override
    public void stop() {
        running.set(false);
        Thread t = producer;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // nothing is pending: every transaction went into a block as it was made
    }

    @Override
    public long submitted() {
        return submitted.get();
    }

    /** The replay node takes every transaction it is given. */
    @Override
    public long refused() {
        return 0;
    }

    /** The node's refused JSON-RPC calls by method ("rpc eth_foo refused"): what the services asked in vain. */
    @Override
    public Map<String, Long> refusals() {
        Map<String, Long> out = new LinkedHashMap<>();
        node.refused().forEach((method, n) -> out.put("rpc " + method + " refused", n));
        return out;
    }

    @Override
    public String describe() {
        String bursts = rhythm.burstEvery().isZero()
                ? "no bursts"
                : String.format(Locale.ROOT, "bursts of %.0f tx/s for %d s every %d s from %d s", rhythm.burstTps(),
                        rhythm.burstLength().toSeconds(), rhythm.burstEvery().toSeconds(), rhythm.firstBurst()
                                .toSeconds());
        return String.format(Locale.ROOT, "%s on the replay node (in-process, last %d blocks kept): a block every %d "
                + "ms, %d tx each (%.0f tx/s), %s; %.1f %% watched, %.0f %% token transfers; %d blocks appended, "
                + "%d more than a tenth of a block late (worst %d ms); node: %,d calls, %d newHeads subscriptions, "
                + "%,d heads pushed", chain, WINDOW, rhythm.blockTime().toMillis(), rhythm.txPerBlock(),
                rhythm.steadyTps(), bursts, watchedShare * 100, tokenShare * 100, blocks.get(), late.get(),
                maxLateMillis.get(), node.calls(), node.headSubscriptions(), node.headsPushed());
    }

    /** The node runs in this JVM: no process of its own to follow. */
    @Override
    public long nodePid() {
        return -1;
    }

    @Override
    public void close() {
        stop();
        node.close();
    }
}
