#!/usr/bin/env python3
"""Raw HTTP fuzzer for `stepwise serve` (loopback only): malformed ids, bodies, query strings and headers.

Usage: fuzz-raw.py PORT COUNT SEED. Prints `tried N, 5xx M, errors E`; exits 1 on any 5xx or connection error.
"""
import http.client
import json
import random
import socket
import sys

port, count, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
HOST = "127.0.0.1"


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


spec = {"triggers": [{"apiTrigger": {}, "startStepNames": ["A"]}],
        "steps": [{"name": "A", "actionId": "com.datadoghq.core.noop"}]}
created = json.loads(json.dumps({"data": {"type": "workflows", "attributes": {"name": "fuzz", "spec": spec}}}))
conn = http.client.HTTPConnection(HOST, port, timeout=10)
conn.request("POST", "/api/v2/workflows", body=json.dumps(created), headers={"Content-Type": "application/json"})
workflow = json.loads(conn.getresponse().read())["data"]["id"]
conn.close()
conn = http.client.HTTPConnection(HOST, port, timeout=10)
conn.request("POST", f"/api/v2/workflows/{workflow}/instances", body="{}", headers={"Content-Type": "application/json"})
instance = json.loads(conn.getresponse().read())["data"]["id"]
conn.close()

IDS = [workflow, instance, "", "x", "%00", "%ff%fe", "..", "%2e%2e%2f", "a" * 5000, "0" * 36,
       "00000000-0000-0000-0000-000000000000", workflow.upper(), workflow + "x", "%F0%9F%98%80",
       "-1", "1e999", "null", "[]", "{}", "%20", "a%2Fb", "%", "%zz"]
QUERIES = ["", "?page[size]=0", "?page[size]=101", "?page[size]=-1", "?page[size]=99999999999999999999999",
           "?page[number]=-5", "?page[number]=1e3", "?page[size]=abc", "?page%5Bsize%5D=5", "?sort=", "?sort=-,,",
           "?filter[query]=%00", "?" + "a=b&" * 500, "?page[size]=1&page[size]=2", "?%", "?=", "?&&&",
           "?page[number]=9223372036854775808"]
SUFFIXES = ["", "/instances", "/instances/{i}", "/instances/{i}/cancel", "/instances/{i}/steps",
            "/instances/{i}/events", "/instances/{i}/stream", "/instances/{i}/nope", "/../..", "//"]
METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"]


def random_json(depth=0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1e308, -1e308, 2 ** 63, 0.5, 1e-320])
    if kind == 3:
        return rng.choice(["", "x" * rng.randrange(300), "\u0000", "{{ Trigger.x }}", "😀", "\ud7ff"])
    if kind == 4:
        return rng.choice(["workflows", "instances", "com.datadoghq.core.noop", "apiTrigger"])
    if kind in (5, 6):
        keys = ["data", "type", "attributes", "name", "spec", "steps", "triggers", "meta", "payload", "id",
                "published", "tags", "webhookSecret", "description", "startStepNames", "actionId", "parameters",
                "outboundEdges", "inputSchema", "outputSchema", "connectionEnvs", "handle"]
        return {rng.choice(keys): random_json(depth + 1) for _ in range(rng.randrange(5))}
    return [random_json(depth + 1) for _ in range(rng.randrange(4))]


def random_body():
    kind = rng.randrange(7)
    if kind == 0:
        return None
    if kind == 1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    if kind == 2:
        text = json.dumps({"data": {"type": "workflows", "attributes": {"name": "n", "spec": spec}}})
        cut = rng.randrange(len(text))
        return text[:cut].encode()
    if kind == 3:
        return json.dumps({"data": {"type": "workflows", "attributes": random_json()}}).encode()
    if kind == 4:
        return json.dumps({"meta": {"payload": random_json()}}).encode()
    if kind == 5:
        return ("[" * rng.randrange(1, 5000)).encode()
    return json.dumps(random_json()).encode()


tried = server_errors = failures = 0
for _ in range(count):
    wid, iid = rng.choice(IDS), rng.choice(IDS)
    suffix = rng.choice(SUFFIXES).replace("{i}", iid)
    path = f"/api/v2/workflows/{wid}{suffix}" if rng.random() < 0.9 else "/api/v2/workflows"
    path += rng.choice(QUERIES)
    method = rng.choice(METHODS)
    headers = {"Content-Type": rng.choice(["application/json", "text/plain", "application/vnd.api+json", "", "x"])}
    if rng.random() < 0.2:
        headers["DD-API-KEY"] = rng.choice(["", "x" * 3000, "k"])
    if rng.random() < 0.1:
        headers["Content-Length-Extra"] = "1"
    body = random_body() if method in ("POST", "PATCH", "PUT") else None
    try:
        status = request(method, path, body, headers)
    except Exception as error:  # noqa: BLE001 - any transport failure counts as a crash sign
        failures += 1
        print(f"ERROR {method} {path[:120]}: {error}", file=sys.stderr)
        continue
    finally:
        tried += 1
    if status >= 500:
        server_errors += 1
        print(f"5xx {status} {method} {path[:120]} body={body[:120] if body else None}", file=sys.stderr)

# Raw bytes http.client will not send: non-ASCII paths, broken request lines and headers. The server may answer
# 4xx or close the connection; it must stay up (checked by scripts/fuzz-server) and never answer 5xx.

RAW = [b"GET /api/v2/workflows/\xf0\x9f\x98\x80 HTTP/1.1\r\nHost: x\r\n\r\n",
       b"GET /api/v2/workflows/\xff\xfe/instances HTTP/1.1\r\nHost: x\r\n\r\n",
       b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x00\x01\x02\r\n\r\n",
       b"POST /api/v2/workflows HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
       b"POST /api/v2/workflows HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
       b"POST /api/v2/workflows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
       b"GET /api/v2/workflows HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 100000 + b"\r\n\r\n",
       b"GET /" + b"a/" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"]
for raw in RAW * 5:
    tried += 1
    try:
        with socket.create_connection((HOST, port), timeout=10) as sock:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
            reply = sock.recv(64)
    except OSError:
        continue
    if reply.startswith(b"HTTP/1.1 5"):
        server_errors += 1
        print(f"5xx {reply[:40]!r} for raw {raw[:60]!r}", file=sys.stderr)

print(f"raw fuzzer: tried {tried}, 5xx {server_errors}, transport errors {failures}")
sys.exit(1 if server_errors or failures else 0)
