#!/usr/bin/env bash
# Runs a Kafka main class on the jars in /opt/kafka/libs, with the variables the distribution's script of the same
# name reads: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS. Tools start with a small
# heap and a JIT that warms up fast, as they run for seconds (the Kafka health check runs one every few seconds).
set -euo pipefail
kafka_home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC2086 # each variable holds a list of JVM options
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$kafka_home/config/tools-log4j2.yaml} \
  ${KAFKA_OPTS:-} \
  -cp "$kafka_home/libs/*" "$@"
