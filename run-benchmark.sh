#!/usr/bin/env bash
# Builds the benchmark module and runs it: a few minutes, prints a table, writes target/benchmark/results.json.
# Needs the local PostgreSQL (as for the tests), wrk and pgbench. Extra arguments go to the benchmark
# (--smoke, --runs=N, --ticks=N, --sink-rows=N, --sink-warmup-rows=N, --warmup-ticks=N, --out=DIR; --phases=history with
# --history-rows=N, --history-symbols=N, --history-days=N, --history-samples=N for the partitioned history); service tuning variables (SINK_MAX_BATCH, PROCESSOR_COMMIT_INTERVAL, …)
# set in the environment are passed on to the services it starts.
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-postgres
scripts/ensure-bench-tools

./mvnw -q -pl benchmark -am package -DskipTests
exec java -Xmx3g -Dlogback.configurationFile=benchmark-logback.xml -cp "benchmark/target/benchmark.jar:benchmark/target/lib/*" com.pricefeed.benchmark.Benchmark "$@"
