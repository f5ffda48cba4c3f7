"""The plain words the runner's and the coach's pages give a note's advice."""

from __future__ import annotations

from webhook.runner_view import _advice_words


def test_urgent_advice_is_labelled_in_proportion_to_its_warning_signs():
    assert _advice_words("urgent_care", {"red_flags": ["chest_pain", "fever"]}) == "Get emergency help now"
    assert _advice_words("urgent_care", {"red_flags": ["numbness_or_weakness"]}) == "See a doctor today"
    assert _advice_words("urgent_care", {}) == "Get medical help now"  # a note stored without its signs
    assert _advice_words("see_physio", {"red_flags": []}) == "See a physio or GP"
