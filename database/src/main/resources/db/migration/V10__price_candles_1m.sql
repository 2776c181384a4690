-- One-minute OHLCV bars per symbol, written by the sink in the same transaction as the history rows they summarize.
-- A bar covers [bucket_start, bucket_start + 1 minute) of source time (UTC). open is the price of the tick with the
-- smallest (source_timestamp, history id) in the minute, close the one with the greatest; the ids are kept so a
-- late tick corrects open and close by the same rule, and so SQL over the history can check a bar. volume is the
-- sum of the ticks' non-null volumes (0 when none had one); tick_count counts every tick.
-- Coarser bars (5m, 1h, 1d) are rolled up from these at query time. No retention: rows stay until removed by hand.
CREATE TABLE realtime_price_candles_1m (
    symbol           VARCHAR(20)   NOT NULL,
    bucket_start     TIMESTAMPTZ   NOT NULL,
    open_price       DECIMAL(15,4) NOT NULL,
    high_price       DECIMAL(15,4) NOT NULL,
    low_price        DECIMAL(15,4) NOT NULL,
    close_price      DECIMAL(15,4) NOT NULL,
    volume           NUMERIC(38,0) NOT NULL,
    tick_count       BIGINT        NOT NULL,
    first_tick_time  TIMESTAMPTZ   NOT NULL,
    open_history_id  BIGINT        NOT NULL,
    last_tick_time   TIMESTAMPTZ   NOT NULL,
    close_history_id BIGINT        NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, bucket_start)
);
