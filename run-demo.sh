#!/usr/bin/env bash
# Builds the project and runs the whole system in one process: an embedded Kafka broker (KRaft) on
# 127.0.0.1:9092, the processor, the sink, the API on http://127.0.0.1:8080 and a synthetic feed, against the
# PostgreSQL at DATABASE_URL (default jdbc:postgresql://127.0.0.1:5432/prices, created when missing).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/ensure-postgres
fi
echo "Building…"
./mvnw -q -B -ntp -DskipTests package
exec java ${JAVA_OPTS:-} -jar launcher/target/price-processor.jar demo "$@"
