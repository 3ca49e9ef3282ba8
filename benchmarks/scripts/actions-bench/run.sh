#!/bin/sh
# Measures the HTTP action against a local SwiftNIO server (and curl itself against the same server), and
# shell-action spawns against a plain posix_spawn loop. Release build; a few minutes the first time.
set -eu
cd "$(dirname "$0")"
swift build -c release
BIN=.build/release/ActionsBench
PORT=${PORT:-18089}
URL="http://127.0.0.1:$PORT/ping"
"$BIN" serve "$PORT" & SERVER=$!
trap 'kill $SERVER' EXIT
until curl -s -o /dev/null "$URL"; do sleep 0.1; done
"$BIN" http "$URL" 20000 16
"$BIN" http "$URL" 5000 1
# curl itself: one process, 16 parallel transfers over reused connections, 20000 URLs.
CONFIG=$(mktemp); for i in $(seq 20000); do echo "url = \"$URL\""; echo "output = /dev/null"; done > "$CONFIG"
start=$(date +%s.%N); curl -s --parallel --parallel-max 16 -K "$CONFIG" 2>/dev/null; end=$(date +%s.%N)
echo "curl --parallel-max 16: 20000 in $(echo "$end - $start" | bc) s = $(echo "20000 / ($end - $start)" | bc)/s"
head -n 10000 "$CONFIG" > "$CONFIG.seq"
start=$(date +%s.%N); curl -s -K "$CONFIG.seq"; end=$(date +%s.%N)
echo "curl sequential (one process): 5000 in $(echo "$end - $start" | bc) s = $(echo "5000 / ($end - $start)" | bc)/s"
rm -f "$CONFIG" "$CONFIG.seq"
"$BIN" shell 1000 1
"$BIN" shell 2000 16
"$BIN" spawn 1000
