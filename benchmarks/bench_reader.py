"""The reader of runners' words: CPU per text over every labelled phrase in tests/insights/data, against another
version of the reader measured in the same run (the machine is shared and noisy, so only the ratio means much).

    git archive <commit> insights | tar -x -C /tmp/reader-before
    python -m benchmarks.bench_reader --against /tmp/reader-before [--rounds 3]

Each version runs in its own process (the reader caches), alternating, best of ``--rounds``; each process reads the
corpus once untimed, then once timed with a different trailing space on every text so that no cache answers for it.
"""

from __future__ import annotations

import argparse
import json
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "insights" / "data"


def texts() -> list[str]:
    """Every labelled phrase: the first string of each case in the Python sets, the text of each JSON line."""
    found: list[str] = []
    for path in sorted(DATA.glob("*.py")):
        for name, value in runpy.run_path(str(path)).items():
            if name.isupper() and isinstance(value, list):
                found += [case[0] for case in value if isinstance(case, tuple) and case and isinstance(case[0], str)]
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                found.append(json.loads(line).get("text") or "")
    return [text for text in found if text]


_ONE_ROUND = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from insights.soreness import parse_soreness
texts, spaces = json.load(sys.stdin), int(sys.argv[2])
for text in texts:  # untimed: the first pass compiles what is compiled on first use
    parse_soreness(text + " " * (spaces + 10))
started = time.process_time()
for text in texts:
    parse_soreness(text + " " * spaces)
print(time.process_time() - started)
"""


def cpu_seconds(code_dir: Path, corpus: list[str], spaces: int) -> float:
    done = subprocess.run([sys.executable, "-c", _ONE_ROUND, str(code_dir), str(spaces)], input=json.dumps(corpus),
                          capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="a directory holding another insights/ package")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per version; the best of each counts (default 3)")
    args = parser.parse_args()
    if not (args.against / "insights" / "soreness.py").exists():
        raise SystemExit(f"{args.against} holds no insights/soreness.py (see --help)")
    corpus = texts()
    ours, theirs = [], []
    for n in range(args.rounds):
        ours.append(cpu_seconds(ROOT, corpus, n + 1))
        theirs.append(cpu_seconds(args.against, corpus, n + 1))
        print(f"round {n + 1}: this reader {ours[-1] * 1e3 / len(corpus):.3f} ms CPU per text, "
              f"the other {theirs[-1] * 1e3 / len(corpus):.3f} ms", flush=True)
    print(f"{len(corpus)} texts; this reader / the other, best of {args.rounds}: {min(ours) / min(theirs):.2f}x")


if __name__ == "__main__":
    main()
