#!/usr/bin/env python3
"""What calling wasl from Python costs, against the CLI on the same input.

usage: python python/bench.py [SIZE] [--dir DIR] [--runs N] [--cli PATH]

Makes (or reuses) the synthetic workload of `scripts/workload.sh SIZE DIR`
(default 100 000 sentences per side, in /tmp/wasl-bench-SIZE) and times,
alternating runs, medians of N:

- cli: `wasl align --presegmented --format beads SEG.ar SEG.en -o OUT`, and
  the same on the raw text (`wasl align RAW.ar RAW.en`), the whole
  process as a shell runs it;
- python: the same work in this interpreter, `wasl.align_file(...)` then
  `wasl.write(beads, OUT, format="beads")`; and `wasl.align_file` alone;
  and `wasl.align(list, list)` with the sentences already in Python lists;
- python process: `python -c "import wasl; ..."` as a whole process, for
  the cost of starting an interpreter and importing the package.

Wall time and CPU time (all threads, this process and its children) are
both reported: on a busy machine CPU time is the steadier measure of what
the binding adds. The outputs are checked to be byte for byte the CLI's. Run it with the
package installed (`pip install ./python`) and `cargo build --release`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import wasl

REPO = Path(__file__).resolve().parents[1]


def cpu() -> float:
    """CPU seconds of this process and its finished children, all threads."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds of `fn()`."""
    start, start_cpu = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - start, cpu() - start_cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("size", nargs="?", type=int, default=100_000)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "wasl")
    args = ap.parse_args()
    work = args.dir or Path(f"/tmp/wasl-bench-{args.size}")
    if not (work / "seg" / "doc.ar").is_file():
        subprocess.run([REPO / "scripts" / "workload.sh", str(args.size), work], check=True)
    out = work / "bench-out"
    out.mkdir(exist_ok=True)
    seg = (work / "seg" / "doc.ar", work / "seg" / "doc.en")
    raw = (work / "raw" / "doc.ar", work / "raw" / "doc.en")
    lines = [p.read_text(encoding="utf-8").rstrip("\n").split("\n") for p in seg]

    def cli(files, pre: bool, target: Path):
        flags = ["--presegmented"] if pre else []
        cmd = [args.cli, "align", *flags, "--format", "beads", *files, "-o", target]
        return lambda: subprocess.run(cmd, check=True)

    def py(files, pre: bool, target: Path):
        def run():
            beads = wasl.align_file(*files, presegmented=pre)
            wasl.write(beads, target, format="beads")
        return run

    def py_process(files, pre: bool, target: Path):
        code = (
            "import sys, wasl; "
            f"wasl.write(wasl.align_file(sys.argv[1], sys.argv[2], presegmented={pre}), "
            "sys.argv[3], format='beads')"
        )
        cmd = [sys.executable, "-c", code, *files, target]
        return lambda: subprocess.run(cmd, check=True)

    cases = {
        "presegmented: cli (process)": cli(seg, True, out / "cli.seg"),
        "presegmented: python align_file + write": py(seg, True, out / "py.seg"),
        "presegmented: python align(list, list)": lambda: wasl.align(*lines),
        "presegmented: python (process)": py_process(seg, True, out / "pyproc.seg"),
        "raw text: cli (process)": cli(raw, False, out / "cli.raw"),
        "raw text: python align_file + write": py(raw, False, out / "py.raw"),
        "raw text: python (process)": py_process(raw, False, out / "pyproc.raw"),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, fn in cases.items():
            times[name].append(timed(fn))
    for a, b in [("cli.seg", "py.seg"), ("cli.seg", "pyproc.seg"), ("cli.raw", "py.raw"),
                 ("cli.raw", "pyproc.raw")]:
        if (out / a).read_bytes() != (out / b).read_bytes():
            sys.exit(f"bench: {b} differs from {a}")
    print(f"{args.size} sentences per side ({work}), medians of {args.runs} runs; outputs identical")
    print(f"{'':<42} {'wall':>8} {'vs cli':>7}  {'CPU':>8} {'vs cli':>7}")
    base: dict[str, tuple[float, float]] = {}
    for name, ts in times.items():
        wall = statistics.median(t[0] for t in ts)
        cpu_s = statistics.median(t[1] for t in ts)
        kind = name.split(":")[0]
        b = base.setdefault(kind, (wall, cpu_s))
        print(
            f"{name:<42} {wall:7.3f}s {wall / b[0] - 1:+7.1%}  {cpu_s:7.3f}s {cpu_s / b[1] - 1:+7.1%}"
        )


if __name__ == "__main__":
    main()
