package io.chainwatch.matcher;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this process: one LRU block cache shared by all stores, with
 * the memtables charged to it through a shared write buffer manager, so that the total stays at
 * {@value #MEMORY_BYTES_CONFIG} (set from {@code MATCHER_ROCKSDB_MEMORY_MB}) however many tasks and stores an instance
 * runs. Index and filter blocks live in the cache too (high priority), instead of growing without bound.
 * <p>
 * The cache is created by the first store opened in the process and shared by all later ones (Kafka Streams
 * instantiates this class per store); it lives as long as the process, as in Kafka Streams' documented recipe.
 * Thread-safe.
 */
public final class BoundedMemoryRocksDb implements RocksDBConfigSetter {

    /** Streams property holding the total bytes; read once, by the first store. */
    public static final String MEMORY_BYTES_CONFIG = "chainwatch.rocksdb.memory.bytes";
    private static final long FALLBACK_BYTES = MatcherSettings.DEFAULT_ROCKSDB_MEMORY_MB * 1024 * 1024;
    /** Share of the cache for memtables. */
    private static final double WRITE_BUFFER_RATIO = 0.25;
    /** Share of the cache reserved for index and filter blocks. */
    private static final double INDEX_FILTER_RATIO = 0.1;
    /** Size of one memtable. */
    static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    private static final Object LOCK = new Object();
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        synchronized (LOCK) {
            if (cache == null) {
                long total = bytes(configs.get(MEMORY_BYTES_CONFIG));
                cache = new LRUCache(total, -1, false, INDEX_FILTER_RATIO);
                writeBuffers = new WriteBufferManager((long) (total * WRITE_BUFFER_RATIO), cache);
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBuffers);
        }
        // Every point lookup the matcher makes is behind a KeyFilter, which answers the misses, so nearly every read
        // that reaches RocksDB finds its key: the oldest sorted run, where most keys live, needs no Bloom filter
        // (probing it would only confirm the key is there), and a hash index in each data block finds the key
        // without a binary search (profiled: the subscription reads' block and index seeks, with their cache misses,
        // were a fifth of their time)
        options.setOptimizeFiltersForHits(true);
        table.setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setMaxWriteBufferNumber(2);
        // 4 MB memtables instead of Kafka Streams' 16 MB: a memtable takes its memory in arena blocks of an eighth of
        // its size (2 MB at 16 MB), and each of the matcher's 24 stores starts one as soon as it is written; the
        // shared write buffer manager flushes them at a quarter of the budget anyway
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: never closed per store
    }

    private static long bytes(Object configured) {
        if (configured instanceof Number n) {
            return n.longValue();
        }
        if (configured instanceof String s && !s.isBlank()) {
            return Long.parseLong(s.strip());
        }
        return FALLBACK_BYTES;
    }
}
