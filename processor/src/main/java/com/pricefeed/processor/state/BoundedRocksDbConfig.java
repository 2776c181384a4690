package com.pricefeed.processor.state;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;
import java.util.Objects;

/**
 * Puts every RocksDB store on the {@link RocksDbMemory} of its processor instead of a block cache and memtables of its
 * own, which without a bound grow with every task and every segment of the window store.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        RocksDbMemory memory = Objects.requireNonNull((RocksDbMemory) configs.get(RocksDbMemory.CONFIG),
                RocksDbMemory.CONFIG + " must be set");
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: RocksDbMemory closes them.
    }
}
