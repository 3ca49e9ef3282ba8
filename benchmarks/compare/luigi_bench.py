"""Luigi (local scheduler, in-process worker) running the same DAG of noop tasks.
Usage: luigi_bench.py WORKLOAD SIZE INSTANCES -> one JSON line (best of 3)."""
import json
import logging
import sys
import time
from importlib.metadata import version

import luigi

from dags import SHAPES, predecessors

logging.getLogger("luigi").setLevel(logging.CRITICAL)
logging.getLogger("luigi-interface").setLevel(logging.CRITICAL)


class Step(luigi.Task):
    run_id = luigi.Parameter()
    step = luigi.Parameter()
    preds = luigi.ListParameter(default=[])
    done = set()

    def requires(self):
        return [Step(run_id=self.run_id, step=d, preds=PREDS[d]) for d in self.preds]

    def complete(self):
        return (self.run_id, self.step) in Step.done

    def run(self):
        Step.done.add((self.run_id, self.step))


PREDS = {}


def main():
    workload, size, instances = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    dag = SHAPES[workload](size)
    PREDS.update(predecessors(dag))
    sinks = [name for name, nexts in dag.items() if not nexts]
    best = float("inf")
    for attempt in range(3):
        Step.done.clear()
        tasks = [Step(run_id=f"{attempt}-{i}", step=s, preds=PREDS[s]) for i in range(instances) for s in sinks]
        start = time.perf_counter()
        ok = luigi.build(tasks, local_scheduler=True, workers=1, log_level="CRITICAL")
        best = min(best, time.perf_counter() - start)
        if not ok or len(Step.done) != len(dag) * instances:
            raise SystemExit(f"luigi ran {len(Step.done)} of {len(dag) * instances} tasks")
    steps = len(dag) * instances
    print(json.dumps({"engine": f"luigi {version('luigi')}", "workload": workload, "size": size,
                      "instances": instances, "steps": steps, "seconds": best}))


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
