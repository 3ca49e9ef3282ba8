"""Reads the JSON lines of compare.sh on stdin and prints one table: steps/s, and the ratio of Stepwise's runtime to
each engine on the same workload."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
for row in rows:
    if "stepsPerSecond" in row:  # stepwise bench --json
        row["engine"] = "stepwise (scheduler only)" if row["store"] == "none" else f"stepwise runtime ({row['store']})"
        row["rate"] = row["stepsPerSecond"]
    else:
        row["rate"] = row["steps"] / row["seconds"] if row["seconds"] else 0.0

reference = {}
for row in rows:
    if row["engine"] == "stepwise runtime (memory)":
        reference[(row["workload"], row["size"], row["instances"])] = row["rate"]

print(f"| {'engine':32} | {'workload':9} | {'size':>6} | {'inst.':>6} | {'steps/s':>12} | stepwise runtime ÷ engine |")
print(f"|{'-' * 34}|{'-' * 11}|{'-' * 8}|{'-' * 8}|{'-' * 14}|{'-' * 27}|")
for row in rows:
    key = (row["workload"], row["size"], row["instances"])
    ratio = reference.get(key)
    ratio_text = f"{ratio / row['rate']:.2f}×" if ratio and row["rate"] else "—"
    print(f"| {row['engine']:32} | {row['workload']:9} | {row['size']:>6} | {row['instances']:>6} | "
          f"{row['rate']:>12,.0f} | {ratio_text:>25} |")
