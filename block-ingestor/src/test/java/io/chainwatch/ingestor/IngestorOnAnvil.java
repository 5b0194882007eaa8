package io.chainwatch.ingestor;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A fresh broker and a fresh node (anvil) for each test, and ingestors of the {@code devnet} chain started on them from
 * block 0, with timeouts and retries short enough for failover tests to be quick.
 */
abstract class IngestorOnAnvil {

    protected TestBroker kafka;
    protected AnvilNode anvil;
    /** The meters of the ingestor {@link #ingestor} made last. */
    protected SimpleMeterRegistry meters;

    @BeforeEach
    void startInfrastructure() {
        kafka = TestBroker.start();
        anvil = AnvilNode.start();
    }

    @AfterEach
    void stopInfrastructure() {
        anvil.close();
        kafka.close();
    }

    /** An ingestor reading {@code rpcUrls} (comma separated, as {@code CHAINWATCH_RPC_DEVNET}), polling every 100 ms. */
    protected IngestorService ingestor(String rpcUrls) {
        return ingestor(rpcUrls, "100ms");
    }

    protected IngestorService ingestor(String rpcUrls, String pollInterval) {
        return ingestor(rpcUrls, pollInterval, Map.of());
    }

    /** A started ingestor; {@code extraEnv} adds or overrides settings. */
    protected IngestorService ingestor(String rpcUrls, String pollInterval, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", rpcUrls);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CHAINWATCH_INGEST_START_BLOCK", "0");
        env.put("CHAINWATCH_RPC_TIMEOUT", "1s");
        env.put("CHAINWATCH_RPC_RETRY_INITIAL", "100ms");
        env.put("CHAINWATCH_RPC_RETRY_MAX", "400ms");
        env.put("CHAINWATCH_POLL_INTERVAL", pollInterval);
        env.putAll(extraEnv);
        meters = new SimpleMeterRegistry();
        IngestorService service = new IngestorService(IngestorSettings.from(RuntimeEnv.of(env)), meters, Clock
                .systemUTC());
        service.start();
        return service;
    }
}
