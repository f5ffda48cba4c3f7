"""Score a soreness parser on the blind set: exact-match accuracy per category and field.

    python tests/insights/blind_score.py                # this checkout's parser
    python tests/insights/blind_score.py --src /tmp/base  # another checkout (e.g. the parser before a change)
    python tests/insights/blind_score.py --misses       # also list every entry read differently

The blind set (``data/blind_set.jsonl``) was written from the design alone, before the
parser was changed, by someone who had not read the parser or its tests. Each line holds
``text`` and the expected ``sore`` (true/false/null), ``severity``, ``red_flags``,
``urgency`` (emergency / doctor_today / null) and ``qualifiers``.

Urgency is the design's mapping of the red flags found (the parser itself only finds
flags): chest pain, breathlessness, radiating pain, sweating or nausea with the pain,
coughing blood and a fall are emergencies; fever, weight loss and numbness are "see a
doctor today".
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import defaultdict
from pathlib import Path

BLIND_SET = Path(__file__).parent / "data" / "blind_set.jsonl"
FIELDS = ("sore", "severity", "red_flags", "urgency", "qualifiers")
EMERGENCY = {"chest_pain", "breathless", "radiating_pain", "sweating_or_nausea", "coughing_blood", "after_fall"}
DOCTOR_TODAY = {"fever", "weight_loss", "numbness_or_weakness"}


def load_blind_set(path: Path = BLIND_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def table_cases(entries: list[dict], disagree: dict[str, str], not_yet: dict[str, str]) -> list:
    """pytest params for a table test: ``disagree`` skipped with the reason, ``not_yet`` strict xfail."""
    import pytest

    def case(entry: dict):
        if entry["id"] in disagree:
            return pytest.param(entry, id=entry["id"],
                                marks=pytest.mark.skip(reason=f"we disagree: {disagree[entry['id']]}"))
        if entry["id"] in not_yet:
            return pytest.param(entry, id=entry["id"], marks=pytest.mark.xfail(strict=True, reason=not_yet[entry["id"]]))
        return pytest.param(entry, id=entry["id"])

    return [case(e) for e in entries]


def problems_with(entries: list[dict], count: int, disagree: dict[str, str], not_yet: dict[str, str],
                  earlier: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a set as a table test: its size, repeated ids, skips for entries it does not
    hold, and texts that an ``earlier`` set (file names in ``data/``) already holds."""
    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    ids = [e["id"] for e in entries]
    seen = {norm(e["text"]) for name in earlier for e in load_blind_set(BLIND_SET.parent / name)}
    return ([f"{len(entries)} entries, not {count}"] * (len(entries) != count)
            + [f"repeated id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
            + [f"skip for a missing entry {i}" for i in sorted((set(disagree) | set(not_yet)) - set(ids))]
            + [f"{e['id']} repeats an earlier set" for e in entries if norm(e["text"]) in seen])


def urgency_of(red_flags) -> str | None:
    flags = set(red_flags)
    return "emergency" if flags & EMERGENCY else "doctor_today" if flags & DOCTOR_TODAY else None


def reading(parse, text: str) -> dict:
    """What the parser makes of one text, in the blind set's shape."""
    report = parse(text)
    return {
        "sore": report.sore,
        "severity": report.severity,
        "red_flags": sorted(report.red_flags),
        "urgency": urgency_of(report.red_flags),
        "qualifiers": sorted(report.qualifiers),
    }


def expected(entry: dict) -> dict:
    return {
        "sore": entry["sore"],
        "severity": entry["severity"],
        "red_flags": sorted(entry["red_flags"]),
        "urgency": entry["urgency"],
        "qualifiers": sorted(entry["qualifiers"]),
    }


def score(parse, entries: list[dict]) -> tuple[dict[str, dict[str, list[int]]], list[tuple[dict, dict]]]:
    """{category: {field: [right, total]}} plus "all" (every field right) and the misses."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for entry in entries:
        got, want = reading(parse, entry["text"]), expected(entry)
        for category in (entry["category"], "TOTAL"):
            for field in FIELDS:
                cell = table[category][field]
                cell[0] += got[field] == want[field]
                cell[1] += 1
            cell = table[category]["all"]
            cell[0] += got == want
            cell[1] += 1
        if got != want:
            misses.append((entry, got))
    return table, misses


def format_table(table: dict[str, dict[str, list[int]]]) -> str:
    columns = (*FIELDS, "all")
    lines = ["| category | n | " + " | ".join(columns) + " |", "|---|---:|" + "---:|" * len(columns)]
    for category in sorted(table, key=lambda c: (c == "TOTAL", c)):
        row = table[category]
        n = row["all"][1]
        cells = " | ".join(f"{100 * row[c][0] / row[c][1]:.0f}%" for c in columns)
        lines.append(f"| {category} | {n} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="a checkout whose insights package to score (default: this one)")
    parser.add_argument("--misses", action="store_true", help="list the entries read differently")
    parser.add_argument("--set", default=str(BLIND_SET), help="a JSONL set to score (default: the blind set; "
                        "tests/insights/data/holdout_set.jsonl is the later held-out set)")
    args = parser.parse_args(argv)
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    soreness = importlib.import_module("insights.soreness")
    table, misses = score(soreness.parse_soreness, load_blind_set(Path(args.set)))
    print(f"parser: {Path(soreness.__file__).resolve()}")
    print(format_table(table))
    if args.misses:
        for entry, got in misses:
            want = expected(entry)
            diff = {f: (want[f], got[f]) for f in FIELDS if want[f] != got[f]}
            print(f"{entry['id']:>8} {entry['text']!r}\n         expected/got: {diff}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
