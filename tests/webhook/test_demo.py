"""The demo runs the whole product over real HTTP and reports what landed."""

from __future__ import annotations

from webhook.demo import run_demo


def test_demo_connects_a_runner_and_writes_notes():
    out: list[str] = []
    counts = run_demo(out.append)
    text = "\n".join(out)
    assert counts["events"] == 5
    assert counts["noted"] == 4 and counts["skipped"] == 1
    assert "handshake reached" in text
    assert "backfill stored 28 activities" in text
    assert "30% longer than your longest of the last 30 days" in text
    assert "emergency help now" in text  # the urgent note, worded in proportion (chest pain: emergency)
    assert "coach alert (urgent)" in text and "daily digest" in text
    assert text.count("── Rhomboid ──") == 4
