#!/usr/bin/env bash
# Single-symbol lookups on a running API against the same prepared SELECT under pgbench, alternating in one run, so
# the host's drift falls on both: wrk -t2 (random one of SYM0001..SYM<n>) on each API given, then pgbench -M prepared
# -j2, ROUNDS times. Prints one line per API and round with its ratio to that round's SELECT. Usage:
#   benchmark/scripts/lookups-vs-select.sh URL[,URL…] DATABASE [connections=64] [seconds=10] [rounds=3] [symbols=1000]
# e.g. benchmark/scripts/lookups-vs-select.sh http://127.0.0.1:8080 prices
# The symbols must have master rows (publish them first, e.g. with the launcher's replay command).
set -euo pipefail
base=$1 database=$2 connections=${3:-64} seconds=${4:-10} rounds=${5:-3} symbols=${6:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/prices.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/v1/market-data/prices/SYM%04d", math.random(1, $symbols)))
end
LUA
cat >"$work/select.sql" <<SQL
\set n random(1, $symbols)
SELECT s.symbol, s.current_price, s.last_updated, s.company_name, s.volume, p.code AS provider, s.market_cap, s.latest_history_id, s.previous_close, s.delisted_at FROM realtime_symbols s JOIN market_data_providers p ON p.id = s.provider_id WHERE s.symbol = 'SYM' || lpad(:n::text, 4, '0');
SQL
free=$(psql -h 127.0.0.1 -U postgres -d "$database" -Atc \
  "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity")
clients=$(( connections < free - 10 ? connections : free - 10 ))
IFS=, read -r -a apis <<<"$base"
for api in "${apis[@]}"; do
  wrk -t2 -c"$connections" -d5s -s "$work/prices.lua" "$api/" >/dev/null   # warm-up
done
for round in $(seq "$rounds"); do
  results=()
  for api in "${apis[@]}"; do
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/prices.lua" "$api/")
    results+=("$api $(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out") $(awk '/Non-2xx/ {print $5}' <<<"$out")")
  done
  raw=$(pgbench -n -M prepared -c "$clients" -j2 -T "$seconds" -f "$work/select.sql" -h 127.0.0.1 -U postgres "$database" 2>&1)
  qps=$(awk '/^tps/ {print $3}' <<<"$raw")
  echo "round $round: raw prepared SELECT $qps q/s at $clients clients (mean $(awk '/latency average/ {print $4}' <<<"$raw") ms)"
  for result in "${results[@]}"; do
    read -r api rps p99 non2xx <<<"$result"
    printf '  %s: %s req/s, p99 %s, non-2xx %s, %.2f x raw SELECT\n' "$api" "$rps" "$p99" "${non2xx:-0}" "$(echo "$rps / $qps" | bc -l)"
  done
done
