#!/usr/bin/env bash
# Peers side by side: the same generated noop workloads through Stepwise (runtime and scheduler only), a plain Swift
# TaskGroup, Python asyncio, and Luigi (from PyPI, in a venv here). Prints one table of steps/s and ratios.
# Usage: benchmarks/compare/compare.sh   (first run: release builds, a few minutes; needs python3 with venv)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
LUIGI_VERSION=${LUIGI_VERSION:-3.8.1}
swift build -c release --product stepwise --package-path "$ROOT" >&2
swift build -c release --product compare-swift --package-path "$ROOT/benchmarks" >&2
STEPWISE="$ROOT/.build/release/stepwise"
SWIFT_BASELINE="$ROOT/benchmarks/.build/release/compare-swift"
if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv >&2; fi
.venv/bin/pip install -q "luigi==$LUIGI_VERSION" >&2
PY=.venv/bin/python
{
    # workload size instances: Stepwise, the Swift and asyncio baselines.
    for shape in "chain 1000 1" "fanout 1000 1" "chain 10 1000"; do
        set -- $shape
        "$STEPWISE" bench --workload "$1" --size "$2" --instances "$3" --warmup 2 --json
        "$STEPWISE" bench --workload "$1" --size "$2" --instances "$3" --warmup 2 --scheduler-only --json
        "$SWIFT_BASELINE" "$1" "$2" "$3"
        "$PY" asyncio_baseline.py "$1" "$2" "$3"
    done
    # Luigi takes milliseconds per task: smaller shapes, with Stepwise on the same ones for the ratio.
    for shape in "chain 100 1" "fanout 100 1" "chain 10 10"; do
        set -- $shape
        "$STEPWISE" bench --workload "$1" --size "$2" --instances "$3" --warmup 2 --json
        "$PY" luigi_bench.py "$1" "$2" "$3"
    done
} | tee results.jsonl | "$PY" table.py
