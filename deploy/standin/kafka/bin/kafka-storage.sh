#!/usr/bin/env bash
# Formats or inspects the broker's log directories.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
