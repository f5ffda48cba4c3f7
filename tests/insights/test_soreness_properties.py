"""Properties of the soreness parser that must hold for any text a runner could type."""

from __future__ import annotations

import time

from hypothesis import assume, example, given
from hypothesis import strategies as st

from insights.soreness import QUALIFIERS, RED_FLAGS, SorenessReport, combine_reports, parse_soreness

# Words the grammar cares about, so that generated text actually exercises it.
VOCABULARY = [
    "upper back", "between my shoulder blades", "traps", "rhomboids", "thoracic", "lower back", "back",
    "sore", "tight", "ache", "pain-free", "fine", "not", "no", "didn't", "but", "and", "except", "mild",
    "really", "severe", "6/10", "11/10", "0", "7.5", "#upperback", "#ubp", "#upperback 4", "chest pain",
    "short of breath", "numb", "tingling", "fever", "fell", "tripped", "at night", "deep breath",
    "sharp", "rest doesn't help", "on waking", "🙂", "👍", ",", ".", "!", "?", ";", ":", " - ", "\n", " ",
]
runner_text = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8)), max_size=25).map(" ".join)
any_text = st.one_of(st.text(), runner_text)


def _well_formed(report: SorenessReport) -> None:
    assert report.sore in (True, False, None)
    assert report.severity is None or (isinstance(report.severity, int) and 0 <= report.severity <= 10)
    if report.sore is None:
        assert report.severity is None
    assert report.qualifiers <= set(QUALIFIERS)
    assert report.red_flags == tuple(code for code in RED_FLAGS if code in report.red_flags)


@given(any_text)
@example("#upperback 99/10 #ubp 5,5 #upperback:0 6.5/10 11/10 100/10")
@example("no " * 200 + "upper back " * 100)
def test_never_raises_and_is_well_formed(text):
    _well_formed(parse_soreness(text))


@given(st.integers(0, 10), st.text(), st.text(), st.sampled_from(["#upperback", "#UpperBack", "#ubp", "#upperbacksore"]),
       st.sampled_from([" {}", " {}/10", ":{}", "={}", "{}", " {} / 10"]))
def test_tag_severity_survives_any_surrounding_text(severity, before, after, tag, form):
    assume("#upper" not in (before + after).lower() and "#ubp" not in (before + after).lower())
    text = f"{before} {tag}{form.format(severity)}\n{after}"
    report = parse_soreness(text)
    assert report.severity == severity
    assert report.sore is (severity > 0)


reports = st.builds(
    SorenessReport,
    sore=st.sampled_from([True, False, None]),
    severity=st.one_of(st.none(), st.integers(0, 10)),
    qualifiers=st.frozensets(st.sampled_from(QUALIFIERS)),
    red_flags=st.lists(st.sampled_from(RED_FLAGS), unique=True).map(tuple),
)


@given(st.lists(reports, max_size=6), st.randoms())
def test_combine_reports_ignores_order(items, random):
    shuffled = list(items)
    random.shuffle(shuffled)
    combined = combine_reports(items)
    assert combine_reports(shuffled) == combined
    _well_formed(combined)


@given(st.lists(any_text, max_size=4))
def test_combining_parsed_texts_is_well_formed_and_keeps_every_red_flag(texts):
    parsed = [parse_soreness(text) for text in texts]
    combined = combine_reports(parsed)
    _well_formed(combined)
    assert set(combined.red_flags) == {code for report in parsed for code in report.red_flags}
    assert (combined.sore is True) == any(report.sore for report in parsed)


def test_a_long_description_parses_in_well_under_a_millisecond():
    paragraph = (
        "Half marathon PB! Steady at 4:50/km through the park, gel at 7k and 14k, no stomach issues. "
        "Halfway in 51:10, pushed on up Church Hill and held pace by the reservoir. Last 3k hard, legs heavy, "
        "kept form: relaxed shoulders, arms low. Upper back a bit tight between the shoulder blades again, "
        "maybe 4/10, worse when I woke up. No chest pain, breathing fine. Did thoracic rotations after the "
        "cool-down. Calves sore but expected. Two easy days, then strides on Saturday if everything feels ok. "
    )
    description = (paragraph * 5)[:2000]
    assert parse_soreness(description) == SorenessReport(True, 4, frozenset({"worse_on_waking"}))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(20):
            parse_soreness(description)
        runs.append((time.perf_counter() - start) / 20)
    # a generous bound (typically ~0.4 ms) so that a loaded CI box does not flake, but
    # catastrophic backtracking or an unscreened regex per word would fail it
    assert min(runs) < 0.003
