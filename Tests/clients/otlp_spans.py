#!/usr/bin/env python3
"""Decodes OTLP/HTTP protobuf trace export bodies (ExportTraceServiceRequest) with the official
opentelemetry-proto classes and prints every span as JSON: one list of
{traceId, spanId, parentSpanId, name, service, attributes, events: [{name, attributes}], status: {code, message}}.

Usage: otlp_spans.py BODY_FILE...
"""
import json
import sys

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest


def value(any_value):
    kind = any_value.WhichOneof("value")
    if kind is None:
        return None
    raw = getattr(any_value, kind)
    if kind == "array_value":
        return [value(v) for v in raw.values]
    if kind == "kvlist_value":
        return {kv.key: value(kv.value) for kv in raw.values}
    if kind == "bytes_value":
        return raw.hex()
    return raw


def attributes(pairs):
    return {kv.key: value(kv.value) for kv in pairs}


def main(paths):
    spans = []
    for path in paths:
        request = ExportTraceServiceRequest()
        with open(path, "rb") as body:
            request.ParseFromString(body.read())
        for resource_spans in request.resource_spans:
            service = attributes(resource_spans.resource.attributes).get("service.name")
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    spans.append({
                        "traceId": span.trace_id.hex(),
                        "spanId": span.span_id.hex(),
                        "parentSpanId": span.parent_span_id.hex(),
                        "name": span.name,
                        "service": service,
                        "attributes": attributes(span.attributes),
                        "events": [{"name": e.name, "attributes": attributes(e.attributes)} for e in span.events],
                        "status": {"code": span.status.code, "message": span.status.message},
                    })
    json.dump(spans, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
