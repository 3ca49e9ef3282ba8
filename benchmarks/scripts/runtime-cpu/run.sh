#!/usr/bin/env bash
# CPU cost of 1,000 concurrent 10-step instances, robust on a loaded shared machine: each process runs 1 + W
# runs and is charged user+sys CPU by /usr/bin/time; runs of each binary are interleaved, so they share the load.
# Wall clock (the `seconds` of the one timed run) is printed too, but varies 2-4x with other engineers' builds.
#   run.sh [ROUNDS] [W] STEPWISE...   e.g. run.sh 5 40 /tmp/stepwise-before .build/release/stepwise
# The last column set is the plain TaskGroup baseline (taskgroup-shapes.swift: the same 1 + W runs, built here with
# swiftc -O).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds=$1 warmups=$2
shift 2
swiftc -O -swift-version 6 "$here/taskgroup-shapes.swift" -o "$here/.taskgroup"
for _ in $(seq 1 "$rounds"); do
    for binary in "$@" taskgroup; do
        if [[ $binary == taskgroup ]]; then
            command=("$here/.taskgroup" chain 10 1000 1 "$warmups")
        else
            command=("$binary" bench --workload chain --size 10 --instances 1000 --warmup "$warmups" --json)
        fi
        out=$({ /usr/bin/time -f "CPU %U %S" "${command[@]}"; } 2>&1)
        cpu=$(echo "$out" | awk '/^CPU/ {print $2 + $3}')
        wall=$(echo "$out" | grep -o '"seconds": [0-9.]*' | awk '{print $2}')
        echo "$binary cpu=$cpu wall=$wall"
    done
done
