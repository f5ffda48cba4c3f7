"""The one place that knows how our note sits inside an activity description.

Strava's ``PUT /activities/{id}`` replaces the whole description, so we read it,
keep the runner's own text byte for byte, and replace our delimited block at
the end. A description with no block gets one appended; a block that is
already there is replaced, never duplicated.

Our block is the *last* start marker that an end marker follows. Anything
else that looks like ours (an old note the runner pasted, a block whose end
marker they deleted) is the runner's text now and is kept as it is; only the
soreness parser skips it (:func:`readable_text`), since its words are ours.
"""

from __future__ import annotations

BLOCK_START = "── Rhomboid ──"
BLOCK_END = "── end Rhomboid ──"
_SEPARATOR = "\n\n"
_LAST_LINE = "Not medical advice."  # every note ends on a line that starts so (notes.DISCLAIMER)


def split_block(description: str | None) -> tuple[str, str | None]:
    """Return (the runner's own text, our block or None)."""
    text = description or ""
    end = text.rfind(BLOCK_END)
    start = text.rfind(BLOCK_START, 0, end) if end >= 0 else -1
    if start < 0:
        return text, None  # no complete block: all of it is the runner's
    end += len(BLOCK_END)
    before = text[:start]
    # undo exactly the one separator we added, nothing the runner wrote
    if before.endswith(_SEPARATOR):
        before = before[: -len(_SEPARATOR)]
    return before + text[end:], text[start:end]


def runner_text(description: str | None) -> str:
    """The description without our block: what the runner wrote."""
    return split_block(description)[0]


def _broken_block_end(text: str, start: int, limit: int) -> int:
    """Where a block without its end marker stops: after its last line, else at a blank line."""
    last = text.find("\n" + _LAST_LINE, start, limit)
    if last >= 0:
        line_end = text.find("\n", last + 1, limit)
        return limit if line_end < 0 else line_end
    blank = text.find(_SEPARATOR, start, limit)
    return limit if blank < 0 else blank


def readable_text(description: str | None) -> str:
    """The description with every block of ours cut out, whole or broken: what the parser reads.

    A pasted old note still says "upper back sore" or "chest pain" in our words,
    which must not count as the runner's report.
    """
    text = description or ""
    kept, at = [], 0
    while (start := text.find(BLOCK_START, at)) >= 0:
        kept.append(text[at:start])
        next_start = text.find(BLOCK_START, start + len(BLOCK_START))
        limit = len(text) if next_start < 0 else next_start
        end = text.find(BLOCK_END, start, limit)
        at = end + len(BLOCK_END) if end >= 0 else _broken_block_end(text, start, limit)
    kept.append(text[at:])
    return "".join(kept)


def render_block(note_text: str) -> str:
    return f"{BLOCK_START}\n{note_text.strip()}\n{BLOCK_END}"


def with_block(description: str | None, note_text: str | None) -> str:
    """The description with our block set to ``note_text`` (or removed when None)."""
    own, _ = split_block(description)
    if note_text is None:
        return own
    block = render_block(note_text)
    return f"{own}{_SEPARATOR}{block}" if own else block
