"""moto's Step Functions interpreter (in process, `mock_aws` with execute_state_machine, no network) running the
same DAG as Pass states: a chain of N Pass states; a fan-out as Start (Pass) -> a Parallel state of N one-Pass
branches -> Join (Pass). Instances are executions started together, then awaited.
Usage: moto_sfn_bench.py WORKLOAD SIZE INSTANCES [...] -> one JSON line per shape (best of 3)."""
import json
import os
import sys
import time
from importlib.metadata import version

for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
    os.environ.setdefault(name, "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

from dags import SHAPES, measure, shapes  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/bench"


def definition(workload, size):
    """The Amazon States Language document of the workload."""
    if workload == "chain":
        states = {f"S{i}": {"Type": "Pass", **({"Next": f"S{i + 1}"} if i + 1 < size else {"End": True})}
                  for i in range(size)}
        return {"StartAt": "S0", "States": states}
    branches = [{"StartAt": f"W{i}", "States": {f"W{i}": {"Type": "Pass", "End": True}}} for i in range(size)]
    return {"StartAt": "Start", "States": {
        "Start": {"Type": "Pass", "Next": "Fan"},
        "Fan": {"Type": "Parallel", "Branches": branches, "Next": "Join"},
        "Join": {"Type": "Pass", "End": True}}}


def run(client, arn, attempt, instances, timeout):
    """Starts `instances` executions, waits until each ended; returns how many Pass states exited."""
    executions = [client.start_execution(stateMachineArn=arn, name=f"run-{attempt}-{i}")["executionArn"]
                  for i in range(instances)]
    deadline = time.monotonic() + timeout
    passes = 0
    for execution in executions:
        while (status := client.describe_execution(executionArn=execution)["status"]) == "RUNNING":
            if time.monotonic() > deadline:
                raise SystemExit(f"moto: execution still running after {timeout} s")
            time.sleep(0.001)
        if status != "SUCCEEDED":
            raise SystemExit(f"moto: execution {status}")
        history = client.get_execution_history(executionArn=execution, maxResults=1000000)["events"]
        passes += sum(1 for event in history if event["type"] == "PassStateExited")
    return passes


def measure_shape(client, workload, size, instances):
    steps = len(SHAPES[workload](size)) * instances
    machine = client.create_state_machine(name=f"bench-{workload}-{size}-{instances}",
                                          definition=json.dumps(definition(workload, size)), roleArn=ROLE)
    arn = machine["stateMachineArn"]
    measure(f"moto {version('moto')} (Step Functions)", workload, size, instances, steps,
            lambda attempt: run(client, arn, attempt, instances, timeout=120))


@mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
def main():
    client = boto3.client("stepfunctions", region_name="us-east-1")
    for shape in shapes(sys.argv[1:]):
        measure_shape(client, *shape)


if __name__ == "__main__":
    main()
