#!/usr/bin/env bash
# Publishes the lines of its input as records.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.ConsoleProducer "$@"
