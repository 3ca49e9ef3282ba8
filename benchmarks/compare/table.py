"""Reads the JSON lines of compare.sh on stdin and prints one table: steps/s, and the ratio of Stepwise's runtime to
each engine on the same workload (then the engines that failed)."""
import sys

from rows import read, references, shape, start_latencies

lines = sys.stdin.readlines()
rows, failures = read(lines)
reference = references(rows)
print(f"| {'engine':32} | {'workload':9} | {'size':>6} | {'inst.':>6} | {'steps/s':>12} | stepwise runtime ÷ engine |")
print(f"|{'-' * 34}|{'-' * 11}|{'-' * 8}|{'-' * 8}|{'-' * 14}|{'-' * 27}|")
for row in rows:
    ratio = reference.get(shape(row))
    ratio_text = f"{ratio / row['rate']:,.2f}×" if ratio and row["rate"] else "—"
    print(f"| {row['engine']:32} | {row['workload']:9} | {row['size']:>6} | {row['instances']:>6} | "
          f"{row['rate']:>12,.0f} | {ratio_text:>25} |")
for failure in failures:
    print(f"{failure['engine']}: {failure['error']}")
latencies = start_latencies(lines)
if latencies:
    print()
    print("Stepwise start latency (launch to first step running, µs; 200 starts one at a time, then 200 at once)")
    print()
    print(f"| {'workload':9} | {'size':>6} | {'one at a time p50':>17} | {'p99':>8} | {'at once p50':>11} | {'p99':>8} |")
    print(f"|{'-' * 11}|{'-' * 8}|{'-' * 19}|{'-' * 10}|{'-' * 13}|{'-' * 10}|")
    for row in latencies:
        print(f"| {row['workload']:9} | {row['size']:>6} | {row['sequentialP50Micros']:>17,.1f} | "
              f"{row['sequentialP99Micros']:>8,.1f} | {row['concurrentP50Micros']:>11,.1f} | "
              f"{row['concurrentP99Micros']:>8,.1f} |")
