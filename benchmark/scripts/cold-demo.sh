#!/usr/bin/env bash
# The path a user meets first (issue #19): the demo from cold, 200,000 ticks over 1,000 symbols published with kcat
# (an outside producer), timed from the first send to the 200,000th committed history row. Prints ticks/s and the
# demo JVM's CPU per tick. Needs kcat and a built launcher. Usage:
#   benchmark/scripts/cold-demo.sh LABEL [java options…]
# e.g. benchmark/scripts/cold-demo.sh g1; benchmark/scripts/cold-demo.sh serial -XX:+UseSerialGC
# Alternate it with the peer (../shared/peers/debezium-jdbc/run.sh), which publishes the same ticks.
# Uses database prices_cold (dropped first), Kafka on 19092, the API on 18080, /tmp/cold-demo-data.
set -euo pipefail
cd "$(dirname "$0")/../.."
label=$1; shift
ticks=${TICKS_FILE:-/tmp/cold-demo-ticks.txt}
db=prices_cold
if [ ! -s "$ticks" ]; then
  awk -v day="$(date -u -d yesterday +%F)" 'BEGIN { for (i = 0; i < 200000; i++) {
    s = sprintf("PX%04d", i % 1000); ms = 5 * i
    ts = sprintf("%sT%02d:%02d:%02d.%03dZ", day, int(ms / 3600000), int(ms / 60000) % 60, int(ms / 1000) % 60, ms % 1000)
    printf "%s\t{\"symbol\":\"%s\",\"price\":\"%d.%04d\",\"source_timestamp\":\"%s\",\"provider\":\"polygon\",\"volume\":%d}\n",
      s, s, 100 + (i * 7) % 50, (i * 13) % 10000, ts, 1000 + i % 500 } }' > "$ticks"
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null
rm -rf /tmp/cold-demo-data
DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$db DEMO_KAFKA_PORT=19092 HTTP_PORT=18080 DEMO_DATA_DIR=/tmp/cold-demo-data \
  java "$@" -jar launcher/target/price-processor.jar demo > "/tmp/cold-demo-$label.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 240); do grep -q "demo is up" "/tmp/cold-demo-$label.log" && break; sleep 0.5; done
cpu_before=$(awk '{print $14 + $15}' /proc/$pid/stat)
start=$(date +%s.%N)
kcat -P -b 127.0.0.1:19092 -t price-ticks -K $'\t' -l "$ticks"
until [ "$(psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'PX%'")" -ge 200000 ]; do
  sleep 0.2
done
end=$(date +%s.%N)
cpu_after=$(awk '{print $14 + $15}' /proc/$pid/stat)
hz=$(getconf CLK_TCK)
awk -v l="$label" -v s="$start" -v e="$end" -v c="$((cpu_after - cpu_before))" -v hz="$hz" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" \
  'BEGIN { printf "%s: %.0f ticks/s (%.1f s), JVM CPU %.1f s, %.0f us/tick, load %s\n", l, 200000 / (e - s), e - s, c / hz, c / hz * 1e6 / 200000, loadavg }'
