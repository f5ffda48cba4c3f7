"""The ``rhomboid`` command line."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhomboid")
def main() -> None:
    """Rhomboid: links upper-back soreness to running load spikes on Strava
    and writes a short, tailored note back onto the activity."""


if __name__ == "__main__":  # pragma: no cover
    main()
