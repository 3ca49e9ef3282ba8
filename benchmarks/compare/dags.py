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
