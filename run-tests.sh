#!/usr/bin/env bash
# Runs every test: unit tests (Surefire) and integration tests on a real in-JVM Kafka broker and the local
# PostgreSQL (Failsafe), the dashboard in headless Chromium, the benchmark's smoke run (wrk, pgbench) and the
# container tests on a Docker engine (the compose stack; PostgreSQL 13, 15 and 17).
# Installs and starts what they need first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-postgres
scripts/ensure-browser
scripts/ensure-bench-tools
scripts/ensure-docker
exec ./mvnw -B -ntp verify "$@"
