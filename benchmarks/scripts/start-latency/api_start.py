#!/usr/bin/env python3
"""Start latency through the API: for each of COUNT starts, the time from sending `POST …/instances` to the
instance's first `stepStarted` journal entry (read back afterwards from `GET …/events`; the server and this
script share the machine's clock), and the time to the POST's answer. Starts go one at a time on one
keep-alive connection. Prints one JSON object (microseconds) with the workflow and the last instance's ids.
Usage: api_start.py URL WORKFLOW.json COUNT"""
import datetime
import http.client
import json
import sys
import time
import urllib.parse


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(round((len(ordered) - 1) * fraction), len(ordered) - 1)] if ordered else 0.0


def main():
    base, spec_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    headers = {"Content-Type": "application/json"}

    def call(method, path, body=None):
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status >= 300:
            sys.exit(f"{method} {path}: {response.status} {data[:300]!r}")
        return json.loads(data) if data else None

    with open(spec_path) as file:
        spec = json.load(file)
    created = call("POST", "/api/v2/workflows",
                   {"data": {"type": "workflows", "attributes": {"name": "start-latency", "spec": spec}}})
    workflow = created["data"]["id"]
    path = f"/api/v2/workflows/{workflow}/instances"
    starts = []
    for _ in range(count):
        sent = time.time()
        answer = call("POST", path, {"meta": {"payload": {}}})
        starts.append((answer["data"]["id"], sent, time.time()))
    to_step, to_answer = [], []
    for instance, sent, answered in starts:
        to_answer.append((answered - sent) * 1e6)
        for _ in range(100):
            events = call("GET", f"{path}/{instance}/events")["data"]
            started = [e for e in events if e.get("type") == "stepStarted"]
            if started:
                break
            time.sleep(0.01)
        else:
            sys.exit(f"instance {instance}: no stepStarted")
        stamp = datetime.datetime.fromisoformat(started[0]["time"].replace("Z", "+00:00")).timestamp()
        to_step.append((stamp - sent) * 1e6)
    print(json.dumps({
        "starts": count, "workflowId": workflow, "lastInstanceId": starts[-1][0],
        "firstStepP50Micros": round(percentile(to_step, 0.5), 1),
        "firstStepP99Micros": round(percentile(to_step, 0.99), 1),
        "answerP50Micros": round(percentile(to_answer, 0.5), 1),
        "answerP99Micros": round(percentile(to_answer, 0.99), 1),
    }))


if __name__ == "__main__":
    main()
