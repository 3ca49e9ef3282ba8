#!/usr/bin/env bash
# What telemetry costs, two builds side by side: the same `stepwise bench` with telemetry off, metrics, every span
# exported over OTLP/HTTP to otlp_sink.py, and 1 % of traces sampled, each mode run by BEFORE then AFTER, ROUNDS
# times. Prints one line per run: build, mode, seconds, p50 step latency (µs), process CPU seconds, load average.
# Usage: benchmarks/scripts/otlp-sink/before-after.sh BEFORE AFTER [ROUNDS]   (MODES="off metrics" to pick modes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
before="$1"
after="$2"
rounds="${3:-5}"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$(mktemp)"
python3 "$here/otlp_sink.py" "$port" > "$log" &
sink=$!
trap 'kill -TERM $sink 2>/dev/null || true; rm -f "$log"' EXIT
sleep 0.5
arguments=(bench --workload chain --size 10 --instances 1000 --warmup 3 --json)
endpoint=(env OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" OTEL_BSP_MAX_QUEUE_SIZE=1000000
    OTEL_BSP_SCHEDULE_DELAY=100)
run() { # label binary mode
    local command=("$2" "${arguments[@]}")
    case "$3" in
        off) ;;
        metrics) command+=(--metrics) ;;
        tracing) command=("${endpoint[@]}" "${command[@]}") ;;
        sampled) command=("${endpoint[@]}" OTEL_TRACES_SAMPLER=traceidratio OTEL_TRACES_SAMPLER_ARG=0.01 "${command[@]}") ;;
    esac
    local out seconds p50 cpu
    out=$( { /usr/bin/time -f "CPU %U %S" "${command[@]}"; } 2>&1 )
    seconds=$(echo "$out" | grep -o '"seconds": [0-9.]*' | awk '{print $2}')
    p50=$(echo "$out" | grep -o '"p50StepLatencyMicros": [0-9.]*' | awk '{print $2}')
    cpu=$(echo "$out" | grep '^CPU' | awk '{print $2 + $3}')
    echo "$1 $3 $seconds $p50 $cpu $(cut -d' ' -f1 /proc/loadavg)"
}
for _ in $(seq "$rounds"); do
    for mode in ${MODES:-off metrics tracing sampled}; do
        run before "$before" "$mode"
        run after "$after" "$mode"
    done
done
kill -TERM $sink
wait $sink 2>/dev/null || true
cat "$log"
