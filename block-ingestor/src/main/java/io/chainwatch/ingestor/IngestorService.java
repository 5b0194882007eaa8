package io.chainwatch.ingestor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.ingestor.rpc.EndpointStatus;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.kafka.TopicProvisioner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The block-ingestor: one {@link ChainFollower} thread per configured chain. {@link #start()} returns at once; the
 * followers wait for Kafka and the RPC nodes by themselves and say what they wait for.
 */
public final class IngestorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestorService.class);

    private final IngestorSettings settings;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final List<ChainFollower> followers = new ArrayList<>();
    private final List<RpcPool> pools = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<HeadSubscription> subscriptions = new ArrayList<>();

    public IngestorService(IngestorSettings settings, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public synchronized void start() {
        Thread.ofPlatform().name("ingest-topics").daemon().start(() -> {
            try {
                TopicProvisioner.ensureAll(settings.kafka());
            } catch (RuntimeException e) {
                LOG.warn("Could not create topics yet: {}", e.getMessage());
            }
        });
        for (ChainConfig chain : settings.chains()) {
            RpcPool pool = new RpcPool(chain, settings.rpc(), metrics, clock);
            HeadSignal heads = new HeadSignal();
            for (String url : chain.rpcUrls()) {
                if (url.startsWith("ws")) {
                    // new heads are announced over the websocket; blocks are still read over http(s)
                    Counter subscribed = Counter.builder("chainwatch_ingest_head_subscriptions").tag("chain", chain
                            .name()).tag("endpoint", ChainConfig.redact(url)).description(
                                    "eth_subscribe newHeads accepted: once per websocket connection")
                            .register(
                                    metrics);
                    HeadSubscription subscription = new HeadSubscription(chain.name(), url, heads,
                            settings.wsStallTimeout(chain), clock, pool::bestHead, settings.rpc()
                                    .capabilityRecheck(),
                            subscribed::increment);
                    subscriptions.add(subscription);
                    subscription.start();
                }
            }
            ChainFollower follower = new ChainFollower(chain, settings, pool, heads, clock, metrics);
            pools.add(pool);
            followers.add(follower);
            threads.add(Thread.ofPlatform().name("ingest-" + chain.name()).start(follower));
            LOG.info("Following {} (chain id {}) through {} RPC endpoint(s), {} confirmation(s) by default", chain
                    .name(), chain.preset().chainId(), chain.rpcUrls().size(), chain.confirmations());
        }
    }

    /** Healthy while no chain has been fenced; waiting for nodes is reported but is not a failure of this process. */
    public boolean isHealthy() {
        return followers.stream().noneMatch(f -> f.state() instanceof IngestState.Fenced);
    }

    /**
     * Per chain: its state in words; then per endpoint ({@code "<chain> <endpoint>"}): its chain id, head,
     * capabilities and last error, for the health endpoint.
     */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < followers.size(); i++) {
            ChainFollower follower = followers.get(i);
            details.put(follower.chainName(), switch (follower.state()) {
                case IngestState.Starting s -> "starting";
                case IngestState.Following f -> "following: cursor " + f.cursor() + ", head " + f.head();
                case IngestState.Waiting w -> "waiting: " + w.reason();
                case IngestState.Fenced f -> "fenced: " + f.reason();
            });
            RpcPool pool = pools.get(i);
            for (EndpointStatus endpoint : pool.statuses(settings.internalTransfers(pool.chain()))) {
                details.put(follower.chainName() + " " + endpoint.name(), endpoint.describe());
            }
            for (HeadSubscription subscription : subscriptions) {
                if (subscription.chain().equals(follower.chainName())) {
                    details.put(follower.chainName() + " " + subscription.name(), subscription.describe());
                }
            }
        }
        return details;
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(HeadSubscription::close);
        followers.forEach(ChainFollower::close);
        for (Thread thread : threads) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        followers.forEach(ChainFollower::closeProducer);
        pools.forEach(RpcPool::close);
    }
}
