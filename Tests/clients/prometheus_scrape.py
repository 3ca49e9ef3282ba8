#!/usr/bin/env python3
"""Scrapes http://127.0.0.1:PORT/metrics once, as Prometheus does, and parses it with prometheus_client's own
parser. Prints JSON: {contentType, families: {name: type}, samples: [{name, labels, value}]}.

Usage: prometheus_scrape.py PORT
"""
import json
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def parse(text):
    """The families ({name: type}) and samples ([{name, labels, value}]) of Prometheus text."""
    families = {}
    samples = []
    for family in text_string_to_metric_families(text):
        families[family.name] = family.type
        for sample in family.samples:
            samples.append({"name": sample.name, "labels": dict(sample.labels), "value": sample.value})
    return families, samples


def main(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
        content_type = response.headers.get("Content-Type")
        text = response.read().decode()
    families, samples = parse(text)
    json.dump({"contentType": content_type, "families": families, "samples": samples}, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
