#!/usr/bin/env bash
# Builds the benchmark module and runs it: a few minutes, prints a table, writes target/benchmark/results.json.
# Needs the local PostgreSQL (as for the tests), wrk and pgbench. Extra arguments go to the benchmark
# (--smoke, --runs=N, --ticks=N, --out=DIR); service tuning variables (SINK_MAX_BATCH, PROCESSOR_COMMIT_INTERVAL, …)
# set in the environment are passed on to the services it starts.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v wrk >/dev/null 2>&1 || ! command -v pgbench >/dev/null 2>&1; then
  echo "Installing wrk and pgbench (Debian packages wrk, postgresql-client)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk postgresql-client >/dev/null
fi

./mvnw -q -pl benchmark -am install -DskipTests
exec java -Xmx1g -Dlogback.configurationFile=benchmark-logback.xml -cp "benchmark/target/benchmark.jar:benchmark/target/lib/*" com.pricefeed.benchmark.Benchmark "$@"
