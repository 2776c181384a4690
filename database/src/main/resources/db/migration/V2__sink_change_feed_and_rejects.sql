-- "What changed since history id N": the API's live stream reads master rows whose latest_history_id is greater
-- than the last id it pushed, woken by NOTIFY realtime_symbols_changed (payload: the greatest history id written).
CREATE INDEX idx_realtime_symbols_latest_history_id ON realtime_symbols (latest_history_id);

-- Records of price-history that PostgreSQL rejected for their data (the processor validated them, so this should
-- stay empty). The sink isolates such a record by splitting its batch, stores it here with the error and advances
-- past it in the same transaction, so one bad record never stalls the sink and is never silently lost.
CREATE TABLE sink_rejected_records (
    consumer_group  VARCHAR(200) NOT NULL,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    record_key      TEXT,
    record_value    BYTEA,
    error           TEXT         NOT NULL,
    rejected_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, kafka_partition, kafka_offset)
);
