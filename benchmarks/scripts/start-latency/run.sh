#!/usr/bin/env bash
# Start latency and serving cost of a release binary (benchmarks/README.md, "Per-instance cost"):
#   1. the CLI: `stepwise run --in-memory` of a one-step noop workflow, process included, against
#      `stepwise --version` (the process alone), with hyperfine;
#   2. the API: `POST …/instances` to the instance's first `stepStarted`, one start at a time (api_start.py);
#   3. serving: wrk on loopback against `POST …/instances` (a 10-step noop chain) and `GET …/instances/{id}`,
#      with `serve --db :memory:` and with a SQLite file.
# Usage: benchmarks/scripts/start-latency/run.sh [STEPWISE] [SECONDS]   (needs hyperfine, wrk, python3)
#        STORES="sqlite" … measures the server with the SQLite file only (a binary without `--db :memory:`).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
STEPWISE=${1:-$ROOT/.build/release/stepwise}
SECONDS_EACH=${2:-10}
WORK=$(mktemp -d)
SERVER=""
stop_server() {
    if [[ -n "$SERVER" ]]; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
        SERVER=""
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

echo "load average: $(cat /proc/loadavg)"
echo "== CLI: stepwise run --in-memory one-step.json (process included)"
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$WORK/cli.json" \
    "$STEPWISE --version" "$STEPWISE run --in-memory $HERE/one-step.json" >&2
python3 - "$WORK/cli.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    times = sorted(result["times"])
    p99 = times[min(round((len(times) - 1) * 0.99), len(times) - 1)]
    print(f"  {result['command'].split('/')[-1]}: median {result['median'] * 1e3:.2f} ms, "
          f"min {result['min'] * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms")
PY

# serve_with DB: starts `stepwise serve` on a free port with --db DB; sets PORT.
serve_with() {
    "$STEPWISE" serve --port 0 --db "$1" 2>"$WORK/serve.log" &
    SERVER=$!
    for _ in $(seq 1 200); do
        PORT=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -n 1)
        [[ -n "$PORT" ]] && return 0
        sleep 0.05
    done
    echo "serve did not start: $(cat "$WORK/serve.log")" >&2
    exit 1
}

for store in ${STORES:-memory sqlite}; do
    db=$([[ $store == memory ]] && echo ":memory:" || echo "$WORK/serve-$RANDOM.db")
    serve_with "$db"
    URL="http://127.0.0.1:$PORT"
    echo "== API ($store store): POST …/instances to the first stepStarted"
    python3 "$HERE/api_start.py" "$URL" "$HERE/one-step.json" 200 | tee "$WORK/api.json"
    WID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["workflowId"])' "$WORK/api.json")
    IID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["lastInstanceId"])' "$WORK/api.json")
    TEN=$(python3 "$HERE/api_start.py" "$URL" "$HERE/ten-steps.json" 1 |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowId"])')
    echo "== wrk POST …/instances (10-step noop chain), ${SECONDS_EACH}s, 1 thread, 32 connections"
    wrk -t1 -c32 -d"${SECONDS_EACH}s" -s "$ROOT/benchmarks/server/execute.lua" \
        "$URL/api/v2/workflows/$TEN/instances" | grep -E 'Requests/sec|Latency|Non-2xx|Socket errors' || true
    echo "== wrk GET …/instances/{id}, ${SECONDS_EACH}s"
    wrk -t1 -c32 -d"${SECONDS_EACH}s" "$URL/api/v2/workflows/$WID/instances/$IID" |
        grep -E 'Requests/sec|Latency|Non-2xx|Socket errors' || true
    stop_server
done
echo "load average: $(cat /proc/loadavg)"
