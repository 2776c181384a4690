#!/usr/bin/env bash
# Lists the API versions the brokers at --bootstrap-server support; the compose health check of the kafka service.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
