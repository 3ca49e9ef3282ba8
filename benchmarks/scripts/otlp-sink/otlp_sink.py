#!/usr/bin/env python3
"""A local OTLP/HTTP receiver for measuring what tracing costs: accepts POST /v1/traces on 127.0.0.1:PORT,
answers 200 with an empty ExportTraceServiceResponse, and on SIGINT/SIGTERM prints how many exports and bytes
arrived (and, with opentelemetry-proto installed, how many spans).

Usage: otlp_sink.py PORT
"""
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
except ImportError:  # counting spans is optional
    ExportTraceServiceRequest = None

totals = {"exports": 0, "bytes": 0, "spans": 0}


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        totals["exports"] += 1
        totals["bytes"] += len(body)
        if ExportTraceServiceRequest is not None:
            request = ExportTraceServiceRequest()
            request.ParseFromString(body)
            totals["spans"] += sum(len(s.spans) for r in request.resource_spans for s in r.scope_spans)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *arguments):
        pass


def main(port):
    server = ThreadingHTTPServer(("127.0.0.1", port), Sink)

    def stop(*_):
        print(f"exports={totals['exports']} bytes={totals['bytes']} spans={totals['spans']}", flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]))
