"""Peak memory of ``kg build`` on one long article, per MB of its text.

    python bench/memory/bench_memory.py                       # 0.25 and 0.5 MB, both shapes
    python bench/memory/bench_memory.py --mb 1 5 --shape line --limit-gb 3

The article is made of the BBC politics articles in ``tests/data/bbc/politics`` repeated up to the size asked
for, either as many paragraphs (``paragraphs``: blank lines between them) or as one single line (``line``). Each
build runs in a child process of its own (``kg.build(..., out=None)``, the model and everything after it) whose
peak resident memory is read from ``getrusage``; ``--limit-gb`` caps its address space so that a build that
would take the machine's memory fails instead (reported as over the limit).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLITICS = ROOT / "tests" / "data" / "bbc" / "politics"

CHILD = """
import json, resource, sys, time
limit = int(sys.argv[2])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import kg
start = time.perf_counter()
try:
    result = kg.build([sys.argv[1]], out=None, view=False)
    status = "ok"
    triples = result.report.triples
except MemoryError:
    status, triples = "over the limit", 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"status": status, "peak": peak, "triples": triples, "seconds": time.perf_counter() - start}))
"""


def article(mb: float, shape: str) -> str:
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(POLITICS.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        for t in texts:
            parts.append(t if shape == "paragraphs" else " ".join(t.split()))
            size += len(t) + 2
            if size >= mb * 1_000_000:
                break
    return ("\n\n" if shape == "paragraphs" else " ").join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 0.5])
    parser.add_argument("--shape", choices=["paragraphs", "line", "both"], default="both")
    parser.add_argument("--limit-gb", type=float, default=4.0, help="address-space cap of each build (0: none)")
    args = parser.parse_args()
    shapes = ["paragraphs", "line"] if args.shape == "both" else [args.shape]
    print(f"{'shape':10} {'MB text':>8} {'peak MB':>8} {'peak MB / MB text':>18} {'triples':>9} {'s':>7}  status")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for mb in args.mb:
                path = Path(tmp) / f"long-{shape}-{mb}.txt"
                text = article(mb, shape)
                path.write_text(text, encoding="utf-8")
                real = len(text.encode()) / 1_000_000
                cap = str(int(args.limit_gb * (1 << 30)))
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path), cap], capture_output=True, text=True, cwd=ROOT
                )
                if done.returncode != 0:
                    row = {"status": f"failed ({done.stderr.strip().splitlines()[-1][:60]})", "peak": 0, "triples": 0}
                    row["seconds"] = time.perf_counter() - start
                else:
                    row = json.loads(done.stdout.strip().splitlines()[-1])
                peak = row["peak"] / (1 << 20)
                print(
                    f"{shape:10} {real:8.2f} {peak:8.0f} {peak / real:18.0f} {row['triples']:9,} "
                    f"{row['seconds']:7.1f}  {row['status']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
