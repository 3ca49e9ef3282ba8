"""The JSON lines of compare.sh as rows: each with its engine's name and steps/s, and the rate of Stepwise's runtime
on the same shape, to take the ratio from."""
import json


def read(lines):
    """(rows, failures): measured rows in order, and the engines that failed with why."""
    rows, failures = [], []
    for line in lines:
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        if "error" in row:
            failures.append(row)
            continue
        if "sequentialP50Micros" in row:  # stepwise bench --start-latency: see start_latencies
            continue
        if "stepsPerSecond" in row:  # stepwise bench --json
            scheduler_only = row["store"] == "none"
            row["engine"] = "stepwise (scheduler only)" if scheduler_only else f"stepwise runtime ({row['store']})"
            row["rate"] = row["stepsPerSecond"]
        else:
            row["rate"] = row["steps"] / row["seconds"] if row["seconds"] else 0.0
        rows.append(row)
    return rows, failures


def start_latencies(lines):
    """The rows of `stepwise bench --start-latency`, in order."""
    return [json.loads(line) for line in lines if line.startswith("{") and "sequentialP50Micros" in line]


def shape(row):
    """The workload of a row: (workload, size, instances)."""
    return (row["workload"], row["size"], row["instances"])


def references(rows):
    """Stepwise runtime's steps/s by shape."""
    return {shape(row): row["rate"] for row in rows if row["engine"] == "stepwise runtime (memory)"}
