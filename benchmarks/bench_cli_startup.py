"""How long `rhomboid --help` and each `rhomboid CMD --help` take, as a ratio to `python -c "import click"`.

Both are whole processes started the same way (the interpreter, site, the
editable install's finder), measured interleaved in the same run, so the
ratio says what Rhomboid's own imports add however busy the machine is.
Target: each at most ~3x the baseline.

    .venv/bin/python -m benchmarks.bench_cli_startup [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import click"]
COMMANDS = [
    [],
    ["serve"], ["worker"], ["migrate"], ["demo"], ["replay"],
    ["emulator"], ["emulator", "serve"],
    ["subscription"], ["subscription", "create"], ["subscription", "view"], ["subscription", "delete"],
    ["events"], ["events", "retry"],
    ["fixtures"], ["fixtures", "export"],
]
TARGET_RATIO = 3.0


def run_once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def rhomboid(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "webhook.cli", *args, "--help"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command (median taken)")
    repeat = parser.parse_args().repeat

    for argv in [BASELINE] + [rhomboid(c) for c in COMMANDS]:  # warm the OS file cache
        run_once(argv)
    times: dict[str, list[float]] = {"baseline": []}
    for _ in range(repeat):
        times["baseline"].append(run_once(BASELINE))
        for command in COMMANDS:  # interleaved, so load changes hit both alike
            times.setdefault(" ".join(command), []).append(run_once(rhomboid(command)))

    base = statistics.median(times["baseline"])
    print(f"baseline `python -c 'import click'`: median {base * 1000:.0f} ms over {repeat} runs")
    worst = 0.0
    for command in COMMANDS:
        name = " ".join(command)
        ratio = statistics.median(times[name]) / base
        worst = max(worst, ratio)
        print(f"  rhomboid {name + ' ' if name else ''}--help: {ratio:4.2f}x")
    print(f"worst: {worst:.2f}x (target <= {TARGET_RATIO:.0f}x): {'ok' if worst <= TARGET_RATIO else 'OVER'}")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
