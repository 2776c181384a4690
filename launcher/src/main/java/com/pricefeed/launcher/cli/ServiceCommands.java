package com.pricefeed.launcher.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Each service on its own, against an external Kafka and PostgreSQL, configured by its environment variables. */
final class ServiceCommands {

    private ServiceCommands() {
    }

    @Command(name = "processor", header = "The Kafka Streams processor, on its own against an external Kafka.",
        mixinStandardHelpOptions = true, usageHelpWidth = 120,
            description = {"Runs the Kafka Streams processor: validates ticks from price-ticks, dead-letters the bad ones,",
                    "keeps the newest tick per symbol and writes price-history and realtime-symbols, exactly once.",
                    "Configured by environment variables (default in brackets):",
                    "  KAFKA_BOOTSTRAP_SERVERS    the brokers [127.0.0.1:9092]",
                    "  KAFKA_CLIENT_PROPERTIES_FILE, KAFKA_*  Kafka client properties, e.g. KAFKA_SECURITY_PROTOCOL,",
                    "                             KAFKA_SASL_JAAS_CONFIG (docs/security.md) [none]",
                    "  TOPIC_PRICE_TICKS, TOPIC_PRICE_TICKS_DLQ, TOPIC_PRICE_HISTORY, TOPIC_REALTIME_SYMBOLS",
                    "                             topic names [price-ticks, price-ticks-dlq, price-history, realtime-symbols]",
                    "  PROCESSOR_APPLICATION_ID   Streams application id [price-processor]",
                    "  PROCESSOR_STATE_DIR        local state [<tmpdir>/<application id>]",
                    "  PRICE_TICKS_PARTITIONS     partitions of the topics it creates [6]",
                    "  TOPIC_REPLICATION_FACTOR   replication of the topics it creates [1]",
                    "  PROCESSOR_THREADS          stream threads [1]",
                    "  PROCESSOR_COMMIT_INTERVAL  transaction commit interval, 10ms to 10s [30ms]",
                    "  PROCESSOR_STANDBY_REPLICAS warm standby copies of the stores [0]",
                    "  PROCESSOR_SESSION_TIMEOUT  how soon a dead instance's tasks move [45s]",
                    "  MAX_FUTURE_SKEW            latest allowed source_timestamp ahead of now [5m]",
                    "  DEDUP_WINDOW               how long accepted tick identities are remembered [1h]",
                    "  PROCESSOR_ROCKSDB_MEMORY_MB  off-heap memory all state stores share [64]",
                    "  PROCESSOR_OPS_HOST, PROCESSOR_OPS_PORT  /health/live, /health/ready, /metrics [0.0.0.0, 8081]",
                    "  LOG_LEVEL, KAFKA_LOG_LEVEL [INFO, WARN]"})
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.processor.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "sink", header = "The JDBC sink, the only writer of PostgreSQL, on its own.",
        mixinStandardHelpOptions = true, usageHelpWidth = 120,
            description = {"Runs the JDBC sink, the only writer of PostgreSQL: each batch of price-history becomes history",
                    "rows, master rows and the consumer position in one transaction, exactly once. Creates the database",
                    "when missing and applies the migrations. Configured by environment variables (default in brackets):",
                    "  KAFKA_BOOTSTRAP_SERVERS  the brokers [127.0.0.1:9092]",
                    "  KAFKA_CLIENT_PROPERTIES_FILE, KAFKA_*  Kafka client properties, e.g. KAFKA_SECURITY_PROTOCOL,",
                    "                           KAFKA_SASL_JAAS_CONFIG (docs/security.md) [none]",
                    "  TOPIC_PRICE_HISTORY      the topic it reads [price-history]",
                    "  DATABASE_URL             JDBC URL [jdbc:postgresql://127.0.0.1:5432/prices]",
                    "  DATABASE_USER, DATABASE_PASSWORD  the role it writes as [postgres, empty]",
                    "  SINK_GROUP_ID            consumer group, key of the stored positions [price-sink]",
                    "  SINK_MAX_BATCH           most records per transaction [20000]",
                    "  SINK_POLL_TIMEOUT        how long one poll waits [100ms]",
                    "  SINK_DB_POOL_SIZE        database connections, at least 2 [3]",
                    "  PROVIDER_DISPLAY_NAMES   e.g. polygon=Polygon.io,iex=IEX Cloud [the codes]",
                    "  SINK_RETRY_MAX_BACKOFF   longest wait between retries while the database is away [30s]",
                    "  SINK_SESSION_TIMEOUT     how soon a dead instance's partitions move [45s]",
                    "  SINK_STATEMENT_TIMEOUT   PostgreSQL cancels a statement running longer [30s]",
                    "  SINK_LOCK_TIMEOUT        PostgreSQL gives up a lock waited for this long [10s]",
                    "  SINK_SOCKET_TIMEOUT      longest wait for PostgreSQL; a batch taking longer is aborted, retried [60s]",
                    "  SINK_MAX_COMMIT_WAIT     /health/ready answers 503 once records wait this long for a commit [30s]",
                    "  SINK_OPS_HOST, SINK_OPS_PORT  /health/live, /health/ready, /metrics [0.0.0.0, 8082]",
                    "  LOG_LEVEL, KAFKA_LOG_LEVEL [INFO, WARN]"})
    static final class Sink implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.sink.Main.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "api", header = "The query API and dashboard, on its own.",
        mixinStandardHelpOptions = true, usageHelpWidth = 120,
            description = {"Runs the query API and the dashboard over PostgreSQL, read-only.",
                    "Configured by environment variables (default in brackets):",
                    "  HTTP_HOST, HTTP_PORT     where it listens; beyond loopback needs ADMIN_TOKEN [127.0.0.1, 8080]",
                    "  DATABASE_URL             JDBC URL [jdbc:postgresql://127.0.0.1:5432/prices]",
                    "  API_DATABASE_USER, API_DATABASE_PASSWORD  its read-only role [price_api, empty]",
                    "  API_DB_POOL_SIZE         pooled connections [8]",
                    "  API_DB_CONNECT_TIMEOUT   wait for a connection before answering 503 [2s]",
                    "  API_RATE_LIMIT           requests/s per client IP on /api/, and apart on health and metrics; 0 = off [1000]",
                    "  API_LISTEN_TIMEOUT       most the listening connection may go unanswered before it is replaced [10s]",
                    "  BULK_MAX_SYMBOLS         most symbols per bulk or stream request [500]",
                    "  HISTORY_MAX_LIMIT        largest history page [1000]",
                    "  PRICE_MAX_STALENESS      most a current price may lag the committed row; 0 = read the database [2s]",
                    "  PRICE_RESYNC_INTERVAL    how often every row committed since the last such read is read [30s]",
                    "  STALE_AFTER              age after which a symbol is stale [5m]",
                    "  ADMIN_TICK_WINDOW        window of the per-provider tick counts [1m]",
                    "  ADMIN_TOKEN              bearer token for admin routes, 32+ characters; unset = loopback only [unset]",
                    "  STREAM_HEARTBEAT         SSE heartbeat interval [15s]",
                    "  STREAM_CLIENT_BUFFER     events queued per stream client before it is dropped [256]",
                    "  STREAM_MAX_CLIENTS       concurrent stream clients [5000]",
                    "  STREAM_MAX_CLIENTS_PER_ADDRESS  concurrent stream clients from one address [100]",
                    "  STREAM_WRITE_TIMEOUT     how long a stream client may take nothing before it is dropped [10s]",
                    "  LOG_LEVEL [INFO]"})
    static final class Api implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            com.pricefeed.api.Main.main(new String[0]);
            return 0;
        }
    }
}
