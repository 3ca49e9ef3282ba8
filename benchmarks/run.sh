#!/usr/bin/env bash
# Runs every benchmark suite (release build of this separate package; ~6 min the first time) and checks the
# committed thresholds in Thresholds/. Extra arguments go to `swift package benchmark` (e.g. --filter Scheduler).
#   ./run.sh                 run all suites and check against Thresholds/
#   ./run.sh update          re-record Thresholds/ from this machine
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${1:-}" == "update" ]]; then
    shift
    exec swift package --allow-writing-to-package-directory benchmark thresholds update "$@"
fi
swift package benchmark "$@"
swift package benchmark thresholds check "$@"
