"""Python asyncio baseline: one task per noop step, a step starts when all its predecessors finished.
Usage: asyncio_baseline.py WORKLOAD SIZE INSTANCES -> one JSON line (best of 3)."""
import asyncio
import json
import sys
import time

from dags import SHAPES, predecessors


async def noop(name):
    return name


async def run_dag(dag, preds):
    remaining = {name: len(p) for name, p in preds.items()}
    pending = {asyncio.ensure_future(noop(n)) for n, c in remaining.items() if c == 0}
    done_count = 0
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            done_count += 1
            for nxt in dag[task.result()]:
                remaining[nxt] -= 1
                if remaining[nxt] == 0:
                    pending.add(asyncio.ensure_future(noop(nxt)))
    return done_count


async def run(dag, instances):
    preds = predecessors(dag)
    counts = await asyncio.gather(*(run_dag(dag, preds) for _ in range(instances)))
    return sum(counts)


def main():
    workload, size, instances = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    dag = SHAPES[workload](size)
    best, steps = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        steps = asyncio.run(run(dag, instances))
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"engine": "python-asyncio", "workload": workload, "size": size,
                      "instances": instances, "steps": steps, "seconds": best}))


if __name__ == "__main__":
    main()
