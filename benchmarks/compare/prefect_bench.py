"""Prefect 3 (local, its ephemeral API server on SQLite under a temporary PREFECT_HOME, no network) running the
same DAG: one flow run per instance, a task run per step submitted to the flow's thread-pool task runner with
`wait_for` its predecessors. Instances are flow runs one after the other.
Usage: prefect_bench.py WORKLOAD SIZE INSTANCES [...] -> one JSON line per shape (best of 3), one server start."""
import os
import shutil
import sys
import tempfile
from importlib.metadata import version

HOME = tempfile.mkdtemp(prefix="stepwise-prefect-")
os.environ.update({
    "PREFECT_HOME": HOME,
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_LEVEL": "ERROR",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
})
os.environ.pop("PREFECT_API_URL", None)

from prefect import flow, task  # noqa: E402

from dags import SHAPES, measure, predecessors, shapes  # noqa: E402


@task
def noop(name):
    return name


@flow
def run_dag(dag, preds):
    futures = {}
    pending = list(dag)
    while pending:  # submit each step once its predecessors are submitted
        ready = [name for name in pending if all(p in futures for p in preds[name])]
        for name in ready:
            futures[name] = noop.submit(name, wait_for=[futures[p] for p in preds[name]])
        pending = [name for name in pending if name not in futures]
    return sum(1 for future in futures.values() if future.result() is not None)


def measure_shape(workload, size, instances):
    dag = SHAPES[workload](size)
    preds = predecessors(dag)
    measure(f"prefect {version('prefect')}", workload, size, instances, len(dag) * instances,
            lambda _: sum(run_dag(dag, preds) for _ in range(instances)))


def main():
    run_dag(SHAPES["chain"](2), predecessors(SHAPES["chain"](2)))  # starts the ephemeral server, untimed
    for shape in shapes(sys.argv[1:]):
        measure_shape(*shape)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(HOME, ignore_errors=True)
