"""The one place that knows how our note sits inside an activity description.

Strava's ``PUT /activities/{id}`` replaces the whole description, so we read it,
keep the runner's own text byte for byte, and replace our delimited block at
the end. A description with no block gets one appended; a block that is
already there is replaced, never duplicated.
"""

from __future__ import annotations

BLOCK_START = "── Rhomboid ──"
BLOCK_END = "── end Rhomboid ──"
_SEPARATOR = "\n\n"


def split_block(description: str | None) -> tuple[str, str | None]:
    """Return (the runner's own text, our block or None)."""
    text = description or ""
    start = text.find(BLOCK_START)
    if start < 0:
        return text, None
    end = text.find(BLOCK_END, start)
    end = len(text) if end < 0 else end + len(BLOCK_END)
    before = text[:start]
    # undo exactly the one separator we added, nothing the runner wrote
    if before.endswith(_SEPARATOR):
        before = before[: -len(_SEPARATOR)]
    return before + text[end:], text[start:end]


def runner_text(description: str | None) -> str:
    """The description without our block: what the runner wrote."""
    return split_block(description)[0]


def render_block(note_text: str) -> str:
    return f"{BLOCK_START}\n{note_text.strip()}\n{BLOCK_END}"


def with_block(description: str | None, note_text: str | None) -> str:
    """The description with our block set to ``note_text`` (or removed when None)."""
    own, _ = split_block(description)
    if note_text is None:
        return own
    block = render_block(note_text)
    return f"{own}{_SEPARATOR}{block}" if own else block
