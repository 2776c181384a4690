#!/usr/bin/env bash
# Runs every test: unit tests (Surefire) and integration tests on a real in-JVM Kafka broker and the local
# PostgreSQL (Failsafe). Starts PostgreSQL first when it is down.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-postgres
exec ./mvnw -B -ntp verify "$@"
