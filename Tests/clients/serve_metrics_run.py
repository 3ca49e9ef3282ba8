#!/usr/bin/env python3
"""Drives a running `stepwise serve` the way an operator's tools do, then scrapes it the way Prometheus does.

Usage: serve_metrics_run.py PORT SPEC_FILE TRACEPARENT

Creates the workflow in SPEC_FILE (published), executes it with a `traceparent` header, waits for the instance to
end, asks for one unknown path, then reads GET /metrics and parses it with prometheus_client's own parser (`prometheus_scrape.parse`).
Prints JSON: {workflowId, instanceId, status, contentType, families: {name: type}, samples: [{name, labels, value}]}.
"""
import json
import sys
import time
import urllib.error
import urllib.request

from prometheus_scrape import parse


def call(port, method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def main(port, spec_file, traceparent):
    with open(spec_file) as spec:
        body = {"data": {"type": "workflows", "attributes": {"name": "observed", "published": True, "spec": json.load(spec)}}}
    status, _, text = call(port, "POST", "/api/v2/workflows", body)
    assert status == 201, text
    workflow_id = json.loads(text)["data"]["id"]
    status, _, text = call(
        port, "POST", f"/api/v2/workflows/{workflow_id}/instances", {"meta": {"payload": {}}},
        {"traceparent": traceparent})
    assert status == 200, text
    instance_id = json.loads(text)["data"]["id"]
    final = None
    for _ in range(300):
        status, _, text = call(port, "GET", f"/api/v2/workflows/{workflow_id}/instances/{instance_id}")
        kind = json.loads(text)["data"]["attributes"]["instanceStatus"]["detailsKind"]
        if kind != "IN_PROGRESS":
            final = kind
            break
        time.sleep(0.1)
    call(port, "GET", "/nowhere/" + instance_id)
    status, content_type, text = call(port, "GET", "/metrics")
    assert status == 200, text
    families, samples = parse(text)
    json.dump({
        "workflowId": workflow_id, "instanceId": instance_id, "status": final, "contentType": content_type,
        "families": families, "samples": samples, "text": text,
    }, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
