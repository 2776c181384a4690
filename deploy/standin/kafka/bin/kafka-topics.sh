#!/usr/bin/env bash
# Lists, creates, describes and alters topics.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
