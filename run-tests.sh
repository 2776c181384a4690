#!/usr/bin/env bash
# Runs every test: unit tests (Surefire) and integration tests on a real in-JVM Kafka broker and the local
# PostgreSQL (Failsafe), the dashboard in headless Chromium and the benchmark's smoke run (wrk, pgbench).
# Installs and starts what they need first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-postgres
scripts/ensure-browser
scripts/ensure-bench-tools
exec ./mvnw -B -ntp verify "$@"
