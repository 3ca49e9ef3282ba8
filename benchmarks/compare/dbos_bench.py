"""DBOS (durable workflows on SQLite, in process) running the same DAG: one DBOS workflow per instance whose
steps are DBOS steps (each checkpointed in the SQLite system database), called in topological order — DBOS runs a
workflow's steps one after the other, so a fan-out's branches run in sequence. Instances are workflows started
together (DBOS's thread pool), then awaited.
Usage: dbos_bench.py WORKLOAD SIZE INSTANCES [...] -> one JSON line per shape (best of 3), one launch."""
import logging
import shutil
import sys
import tempfile
from importlib.metadata import version

from dbos import DBOS

from dags import SHAPES, measure, predecessors, shapes

@DBOS.step()
def noop(name):
    return name


@DBOS.workflow()
def run_dag(order):
    return [noop(name) for name in order]


def topological(dag):
    """The steps in an order that puts every step after its predecessors."""
    preds, order, seen = predecessors(dag), [], set()
    while len(order) < len(dag):
        for name in dag:
            if name not in seen and all(p in seen for p in preds[name]):
                seen.add(name)
                order.append(name)
    return order


def measure_shape(workload, size, instances):
    dag = SHAPES[workload](size)
    order = topological(dag)

    def run(_):
        handles = [DBOS.start_workflow(run_dag, order) for _ in range(instances)]
        return sum(len(handle.get_result()) for handle in handles)

    measure(f"dbos {version('dbos')} (SQLite)", workload, size, instances, len(dag) * instances, run)


def main():
    directory = tempfile.mkdtemp(prefix="stepwise-dbos-")
    DBOS(config={"name": "stepwise-bench", "system_database_url": f"sqlite:///{directory}/dbos.sqlite",
                 "log_level": "ERROR"})
    DBOS.launch()
    logging.getLogger("dbos").setLevel(logging.ERROR)
    try:
        for shape in shapes(sys.argv[1:]):
            measure_shape(*shape)
    finally:
        DBOS.destroy()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
