"""Draws compare.sh's results as grouped bars of steps/s on a log scale, one group per workload shape.
Usage: chart.py RESULTS.jsonl OUT.png"""
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from rows import read, shape  # noqa: E402


def label(key):
    workload, size, instances = key
    text = f"{workload} {size:,}" if workload == "chain" else f"fan-out 1→{size:,}→1"
    return text + (f"\n× {instances:,} instances" if instances > 1 else "")


def main():
    with open(sys.argv[1]) as lines:
        rows, _ = read(lines)
    shapes = list(dict.fromkeys(shape(row) for row in rows))
    engines = list(dict.fromkeys(row["engine"] for row in rows))
    rate = {(row["engine"], shape(row)): row["rate"] for row in rows}
    figure, axes = plt.subplots(figsize=(13, 6.5))
    colors = {engine: plt.get_cmap("tab10")(index % 10) for index, engine in enumerate(engines)}
    labelled = set()
    for position, key in enumerate(shapes):  # each shape's bars centred on its tick, engines in one order
        present = [engine for engine in engines if (engine, key) in rate]
        width = 0.8 / len(present)
        for index, engine in enumerate(present):
            y = rate[(engine, key)]
            x = position + (index - (len(present) - 1) / 2) * width
            bars = axes.bar(x, y, width * 0.95, color=colors[engine],
                            label=None if engine in labelled else engine)
            labelled.add(engine)
            axes.bar_label(bars, labels=[f"{y:,.0f}" if y < 1e4 else f"{y / 1e3:,.0f}k"],
                           fontsize=7, rotation=90, padding=2)
    axes.set_yscale("log")
    axes.set_ylim(bottom=10 ** math.floor(math.log10(min(rate.values()) / 2)), top=max(rate.values()) * 20)
    axes.set_xticks(range(len(shapes)), [label(key) for key in shapes])
    axes.set_ylabel("steps per second (log scale)")
    axes.set_title("Noop steps per second, one run on a shared 2-core VM (higher is better)")
    axes.grid(axis="y", which="major", alpha=0.3)
    axes.legend(ncol=3, fontsize=8, loc="upper right")
    figure.tight_layout()
    figure.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
