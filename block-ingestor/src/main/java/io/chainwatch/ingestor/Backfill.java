package io.chainwatch.ingestor;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Re-ingests a closed range of blocks as APPLIED events marked {@code backfill=true}, so the matcher can label or
 * suppress stale alerts and its dedup store drops what was already announced. It never touches the live cursor. Blocks
 * are fetched with bounded parallelism and published in order, one Kafka transaction per batch.
 */
public final class Backfill {

    /** Progress after each published batch. */
    @FunctionalInterface
    public interface Progress {
        void published(long done, long total, double blocksPerSecond, long transactions);
    }

    /** What a backfill did. */
    public record Result(long blocks, long transactions, Duration took) {
        public double blocksPerSecond() {
            return took.isZero() ? blocks : blocks / (took.toNanos() / 1e9);
        }
    }

    private Backfill() {
    }

    public static Result run(IngestorSettings settings, String chainName, long from, long to, MeterRegistry metrics,
            Progress progress) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("--from must be ≥ 0 and ≤ --to, got " + from + ".." + to);
        }
        ChainConfig chain = settings.chains().stream().filter(c -> c.name().equals(chainName)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("chain '" + chainName + "' is not in CHAINWATCH_CHAINS"));
        TopicProvisioner.ensureAll(settings.kafka());
        Map<String, Object> props = settings.kafka().producer("chainwatch-backfill-" + chainName);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "chainwatch-backfill-" + chainName + "-" + UUID.randomUUID());
        long started = System.nanoTime();
        long transactions = 0;
        ExecutorService fetchers = Executors.newFixedThreadPool(settings.fetchParallelism());
        try (RpcPool pool = new RpcPool(chain, settings.rpc(), metrics);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.initTransactions();
            BlockSource source = new BlockSource(pool, Clock.systemUTC(), settings.internalTransfers(chain));
            int batch = Math.max(settings.batchBlocks(), settings.fetchParallelism() * 4);
            long done = 0;
            try (OrderedFetcher blocks = new OrderedFetcher(n -> source.fetch(n, true), fetchers, OrderedFetcher
                    .windowFor(settings.fetchParallelism()), from, to)) {
                producer.beginTransaction();
                while (blocks.hasNext()) {
                    FetchedBlock block = blocks.next();
                    transactions += block.event().getTransactions().size();
                    producer.send(new ProducerRecord<>(Topics.BLOCKS.name(), chainName, Topics.BLOCKS.serializeValue(
                            block.event())));
                    done++;
                    if (done % batch == 0 || !blocks.hasNext()) {
                        producer.commitTransaction();
                        double seconds = (System.nanoTime() - started) / 1e9;
                        progress.published(done, to - from + 1, done / Math.max(seconds, 1e-9), transactions);
                        if (blocks.hasNext()) {
                            producer.beginTransaction();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backfill of " + chainName + " interrupted after " + done
                        + " block(s); the open transaction is never committed", e);
            }
        } finally {
            fetchers.shutdownNow();
        }
        return new Result(to - from + 1, transactions, Duration.ofNanos(System.nanoTime() - started));
    }
}
