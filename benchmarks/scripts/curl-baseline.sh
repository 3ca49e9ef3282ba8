#!/usr/bin/env bash
# The yardstick of the HTTP action target: curl itself against the same local server as the ActionBenchmarks
# suite (ping-server, 127.0.0.1), one process reusing its connection, one request after the other; then 16
# parallel transfers. Prints requests/s. Usage: benchmarks/scripts/curl-baseline.sh [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-5000}
swift build -c release --product ping-server >&2
WORK=$(mktemp -d)
.build/release/ping-server > "$WORK/url" &
SERVER=$!
trap 'kill $SERVER; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s "$WORK/url" ]] && break; sleep 0.1; done
URL=$(cat "$WORK/url")
for _ in $(seq "$REQUESTS"); do printf 'url = "%s"\noutput = /dev/null\n' "$URL"; done > "$WORK/config"
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):,.0f}')" "$@"; }
start=$(date +%s.%N); curl -s -K "$WORK/config"; end=$(date +%s.%N)
echo "curl $(curl --version | head -1 | cut -d' ' -f2), one after the other: $(rate "$REQUESTS" "$start" "$end") requests/s"
start=$(date +%s.%N); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$WORK/config"; end=$(date +%s.%N)
echo "curl --parallel --parallel-max 16: $(rate "$REQUESTS" "$start" "$end") requests/s"
