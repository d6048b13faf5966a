#!/usr/bin/env python3
"""Prints bench/run.sh's results as Markdown: the median of every command, and its ratio to the
scenario's first command (the parse floor, or scimlint on 2 threads); then the peak memories."""
import json
import sys
from pathlib import Path

ORDER = ["typical", "many", "threads", "noisy", "large-1000", "large-10000", "large-100000",
         "pretty-100000", "oneline-40000", "oneline-400000", "line-2mb"]


def short(command):
    return (command.replace("target/release/examples/", "").replace("target/release/", "")
            .replace("target/bench-corpus/", ""))


def main(results):
    for name in ORDER:
        path = results / f"{name}.json"
        if not path.exists():
            continue
        runs = json.loads(path.read_text())["results"]
        base = runs[0]["median"]
        print(f"\n### {name}\n\n| command | median | mean ± σ | runs | × first |\n|---|---:|---:|---:|---:|")
        for run in runs:
            print(f"| `{short(run['command'])}` | {run['median'] * 1000:.1f} ms | "
                  f"{run['mean'] * 1000:.1f} ± {run['stddev'] * 1000:.1f} ms | {len(run['times'])} | "
                  f"{run['median'] / base:.2f} |")
    memory = results / "memory.tsv"
    if memory.exists():
        print("\n### peak memory (median of 5)\n\n| run | peak RSS |\n|---|---:|")
        for line in memory.read_text().splitlines():
            label, kilobytes = line.split("\t")
            print(f"| {label} | {int(kilobytes) / 1024:.1f} MiB |")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench-results"))
