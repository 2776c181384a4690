package com.pricefeed.processor.state;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory every RocksDB store of one processor shares: one block cache, which also holds the index and
 * filter blocks, and a write buffer manager that charges the memtables to that same cache, so that all stores together
 * stay within {@code bytes} however many tasks and window segments the instance opens (Kafka Streams' "bounded memory
 * usage" setup). Handed to {@link BoundedRocksDbConfig} through the Streams properties; closed after Kafka Streams.
 */
public final class RocksDbMemory implements AutoCloseable {

    /** The Streams property that carries the shared memory to {@link BoundedRocksDbConfig}. */
    public static final String CONFIG = "pricefeed.rocksdb.memory";
    /** The share of the cache kept for index and filter blocks, so that data blocks cannot evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    /** The share of the memory the memtables may take. */
    private static final int WRITE_BUFFER_DIVISOR = 4;

    private final long bytes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;

    public RocksDbMemory(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        RocksDB.loadLibrary();
        this.bytes = bytes;
        this.cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
        this.writeBuffers = new WriteBufferManager(bytes / WRITE_BUFFER_DIVISOR, cache);
    }

    public long bytes() {
        return bytes;
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    @Override
    public void close() {
        writeBuffers.close();
        cache.close();
    }
}
