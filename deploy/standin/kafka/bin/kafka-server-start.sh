#!/usr/bin/env bash
# Starts the broker (and controller) with the given server.properties, as the distribution's script does.
set -euo pipefail
kafka_home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}
export KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$kafka_home/config/log4j2.yaml}
exec "$kafka_home/bin/kafka-run-class.sh" kafka.Kafka "$@"
