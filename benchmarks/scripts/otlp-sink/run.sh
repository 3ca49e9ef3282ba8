#!/usr/bin/env bash
# What tracing and metrics cost `stepwise bench`: the same workload with telemetry off, with metrics recorded
# (--metrics), and with every span exported over OTLP/HTTP to a local receiver (otlp_sink.py), interleaved ROUNDS
# times. Usage: benchmarks/scripts/otlp-sink/run.sh [STEPWISE] [ROUNDS] [bench arguments…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stepwise="${1:-$here/../../../.build/release/stepwise}"
rounds="${2:-5}"
shift $(( $# > 2 ? 2 : $# )) || true
arguments=("$@")
[ ${#arguments[@]} -gt 0 ] || arguments=(--workload chain --size 10 --instances 1000 --warmup 3 --json)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$here/otlp_sink.py" "$port" > /tmp/otlp-sink-$$.log &
sink=$!
trap 'kill -TERM $sink 2>/dev/null || true' EXIT
sleep 0.5
for round in $(seq "$rounds"); do
    printf 'round %s off     ' "$round"; "$stepwise" bench "${arguments[@]}"
    printf 'round %s metrics ' "$round"; "$stepwise" bench "${arguments[@]}" --metrics
    printf 'round %s tracing ' "$round"
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" OTEL_BSP_MAX_QUEUE_SIZE=1000000 \
        OTEL_BSP_SCHEDULE_DELAY=100 "$stepwise" bench "${arguments[@]}"
done
kill -TERM $sink
wait $sink 2>/dev/null || true
cat /tmp/otlp-sink-$$.log
rm -f /tmp/otlp-sink-$$.log
