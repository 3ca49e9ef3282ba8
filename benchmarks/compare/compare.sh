#!/usr/bin/env bash
# Peers side by side: the same generated noop workloads through Stepwise (runtime and scheduler only), a plain Swift
# TaskGroup, Python asyncio, and four engines from PyPI in a venv here (Luigi, Prefect 3 on its ephemeral SQLite
# server, moto's Step Functions interpreter, DBOS on SQLite). Prints one table of steps/s and ratios and writes
# results.png (log-scale chart). Nothing reaches the network but pip.
# Also prints Stepwise's start latency (launch to first step running) on each shape of the Swift baseline.
# Usage: benchmarks/compare/compare.sh   (first run: release builds and pip, a few minutes; needs python3 with venv)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
swift build -c release --product stepwise --package-path "$ROOT" >&2
swift build -c release --product compare-swift --package-path "$ROOT/benchmarks" >&2
STEPWISE="$ROOT/.build/release/stepwise"
SWIFT_BASELINE="$ROOT/benchmarks/.build/release/compare-swift"
if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv >&2; fi
.venv/bin/pip install -q -r requirements.txt >&2
PY=.venv/bin/python
LOGS=$(mktemp -d)
echo "engines' own output: $LOGS" >&2

# engine NAME SECONDS COMMAND…: runs one engine's script with a time limit; a failure becomes an "error" row.
engine() {
    local name=$1 limit=$2
    shift 2
    if ! timeout "$limit" "$@" 2>>"$LOGS/$name.log"; then
        echo "{\"engine\": \"$name\", \"error\": \"failed or timed out after $limit s: see $LOGS/$name.log\"}"
    fi
}

# Engines that take milliseconds per step run smaller shapes, each with Stepwise on the same shape for the ratio.
SMALL=(chain 100 1 fanout 100 1 chain 10 10)
{
    # workload size instances: Stepwise, the Swift and asyncio baselines.
    for shape in "chain 1000 1" "fanout 1000 1" "chain 10 1000"; do
        set -- $shape
        # Best of 3, as every other engine here reports.
        "$STEPWISE" bench --workload "$1" --size "$2" --instances "$3" --warmup 0 --repeat 3 --json
        "$STEPWISE" bench --workload "$1" --size "$2" --instances "$3" --warmup 0 --repeat 3 --scheduler-only --json
        # Start latency on the same workload: launch to first step running, 200 starts one at a time, then at once.
        "$STEPWISE" bench --workload "$1" --size "$2" --instances 200 --warmup 1 --start-latency --json
        "$SWIFT_BASELINE" "$1" "$2" "$3"
        engine asyncio 120 "$PY" asyncio_baseline.py "$1" "$2" "$3"
    done
    for ((i = 0; i < ${#SMALL[@]}; i += 3)); do
        "$STEPWISE" bench --workload "${SMALL[i]}" --size "${SMALL[i + 1]}" --instances "${SMALL[i + 2]}" \
            --warmup 0 --repeat 3 --json
        engine luigi 300 "$PY" luigi_bench.py "${SMALL[@]:i:3}"
    done
    engine moto 300 "$PY" moto_sfn_bench.py "${SMALL[@]}"
    engine dbos 300 "$PY" dbos_bench.py "${SMALL[@]}"
    engine prefect 600 "$PY" prefect_bench.py "${SMALL[@]}"
} | tee results.jsonl | "$PY" table.py
"$PY" chart.py results.jsonl results.png
echo "chart: benchmarks/compare/results.png" >&2
