"""What a soreness report is: the plain data the reader produces and every rule downstream reads.

Kept apart from the reader (:mod:`insights.soreness`) so that the clause reading
(:mod:`insights.soreness_clauses`) and the reader can both build reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

QUALIFIERS = ("worse_on_waking", "worse_on_deep_breath", "sharp", "night_or_rest", "not_eased_by_rest")
RED_FLAGS = ("chest_pain", "breathless", "radiating_pain", "sweating_or_nausea", "coughing_blood",
             "numbness_or_weakness", "fever", "after_fall", "weight_loss")
RED_FLAG_LABELS: dict[str, str] = {
    "chest_pain": "chest pain, pressure or tightness",
    "breathless": "shortness of breath",
    "radiating_pain": "pain spreading to the arm, jaw or neck",
    "sweating_or_nausea": "sweating or nausea with the pain",
    "coughing_blood": "coughing blood",
    "numbness_or_weakness": "numbness, tingling or weakness",
    "fever": "fever or night sweats",
    "after_fall": "pain after a fall or crash",
    "weight_loss": "unexplained weight loss",
}
SEVERITY_WORDS: dict[str, int] = {"mild": 3, "moderate": 5, "severe": 8}


@dataclass(frozen=True)
class SorenessReport:
    """What one text (or one day) says about the upper back.

    ``sore`` is True for sore, False for an explicit "not sore" and None when nothing was said:
    an untagged run is unknown, never "not sore".
    """

    sore: bool | None
    severity: int | None = None
    qualifiers: frozenset[str] = frozenset()
    red_flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.severity is not None and not 0 <= self.severity <= 10:
            raise ValueError(f"severity must be 0..10, got {self.severity!r}")

    @property
    def reported(self) -> bool:
        return self.sore is not None


NO_REPORT = SorenessReport(sore=None)


def severity_of(number: str, out_of_ten: bool) -> int | None:
    value = int(float(number.replace(",", ".").replace("·", ".")) + 0.5)  # round half up: 6.5/10 is 7
    if value > 10:
        return 10 if out_of_ten else None  # "11/10" is a rating, "#upperback 12km" is not
    return value


def rated(severity: int) -> SorenessReport:
    return SorenessReport(severity > 0, severity)


def combine_reports(reports: Iterable[SorenessReport]) -> SorenessReport:
    """Merge the reports of one activity or one day: any "sore" wins, then any explicit "no"."""
    reports = list(reports)
    sore = [r for r in reports if r.sore]
    if sore:
        severities = [r.severity for r in sore if r.severity is not None]
        head: tuple[bool | None, int | None] = (True, max(severities) if severities else None)
    elif any(r.sore is False for r in reports):
        head = (False, 0 if any(r.sore is False and r.severity == 0 for r in reports) else None)
    else:
        head = (None, None)
    flags = {code for r in reports for code in r.red_flags}
    return SorenessReport(
        sore=head[0],
        severity=head[1],
        qualifiers=frozenset(q for r in reports for q in r.qualifiers if q in QUALIFIERS),
        red_flags=tuple(code for code in RED_FLAGS if code in flags),
    )


