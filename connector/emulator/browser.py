"""What a browser does on the emulator's authorize page, for the demo, replay and tests."""

from __future__ import annotations

from html.parser import HTMLParser


class AuthorizeForm(HTMLParser):
    """The authorize page's form: its action and the fields a browser would send
    (hidden inputs, and the scope boxes that are ticked)."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action")
        elif tag == "input" and a.get("name"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ""))
