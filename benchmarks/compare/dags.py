"""The generated workloads of `stepwise bench`, as successor lists: the same shapes for every engine."""


def chain(size):
    return {f"S{i}": ([f"S{i + 1}"] if i + 1 < size else []) for i in range(size)}


def fanout(width):
    dag = {"Start": [f"W{i}" for i in range(width)]}
    for i in range(width):
        dag[f"W{i}"] = ["Join"]
    dag["Join"] = []
    return dag


SHAPES = {"chain": chain, "fanout": fanout}


def predecessors(dag):
    preds = {name: [] for name in dag}
    for name, nexts in dag.items():
        for nxt in nexts:
            preds[nxt].append(name)
    return preds


def shapes(argv):
    """The (workload, size, instances) triples of a command line: `WORKLOAD SIZE INSTANCES [WORKLOAD SIZE …]`."""
    if not argv or len(argv) % 3:
        raise SystemExit("usage: WORKLOAD SIZE INSTANCES [WORKLOAD SIZE INSTANCES ...]")
    return [(argv[i], int(argv[i + 1]), int(argv[i + 2])) for i in range(0, len(argv), 3)]


def measure(engine, workload, size, instances, steps, run):
    """Times `run(attempt)` three times, checks each ran `steps` steps (it returns how many), and prints one JSON
    line of the comparison with the best time."""
    import json
    import time
    best = float("inf")
    for attempt in range(3):
        start = time.perf_counter()
        ran = run(attempt)
        best = min(best, time.perf_counter() - start)
        if ran != steps:
            raise SystemExit(f"{engine} ran {ran} of {steps} steps ({workload} {size} x {instances})")
    print(json.dumps({"engine": engine, "workload": workload, "size": size, "instances": instances,
                      "steps": steps, "seconds": best}), flush=True)
