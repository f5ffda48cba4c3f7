"""``rhomboid emulator serve``: the local Strava on loopback, until Ctrl-C."""

from __future__ import annotations

import errno

import click

# the same values as .state's; repeated here so that --help imports nothing heavy
# (tests/connector/test_emulator_cli.py checks they agree)
DEFAULT_CLIENT_ID = "rhomboid-dev"
DEFAULT_CLIENT_SECRET = "rhomboid-dev-secret"


@click.group("emulator")
def emulator() -> None:
    """The local Strava emulator (OAuth, API, webhooks) for demos and tests."""


@emulator.command("serve")
@click.argument("fixture_paths", nargs=-1, type=click.Path(file_okay=False, path_type=str))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8701, show_default=True, type=int, help="Port to listen on (0: any free one).")
@click.option("--client-id", envvar="STRAVA_CLIENT_ID", default=DEFAULT_CLIENT_ID, show_default=True,
              help="The application's client id (env STRAVA_CLIENT_ID).")
@click.option("--client-secret", envvar="STRAVA_CLIENT_SECRET", default=DEFAULT_CLIENT_SECRET,
              show_default=True, help="The application's client secret (env STRAVA_CLIENT_SECRET).")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(fixture_paths: tuple[str, ...], host: str, port: int, client_id: str, client_secret: str,
          quiet: bool) -> None:
    """Serve a local Strava loaded with the fixture directories FIXTURE_PATHS.

    Point Rhomboid at it with RHOMBOID_STRAVA_URL=<the printed URL>. The admin
    API lives under /_admin/ (state, fixtures, clock, faults, deliver).
    """
    from connector.fixtures import FixtureError

    from .server import build_server, server_url
    from .state import EmulatorState

    state = EmulatorState(client_id, client_secret)
    try:
        fixtures = [state.load_fixture(path) for path in fixture_paths]
    except FixtureError as exc:
        raise click.ClickException(f"cannot load fixture: {exc}") from None
    try:
        server = build_server(state, host, port, quiet=quiet)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is already in use (try --port)") from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    url = server_url(server)
    click.echo(f"Strava emulator on {url} (client_id {client_id})")
    for fixture in fixtures:
        athlete = fixture.athlete
        name = " ".join(filter(None, [athlete.get("firstname"), athlete.get("lastname")]))
        click.echo(
            f"  athlete {fixture.athlete_id} {name}: {len(fixture.activities)} activities, "
            f"{len(fixture.events)} events ({fixture.path})"
        )
    if not fixtures:
        click.echo("  no fixtures loaded; POST one to /_admin/fixtures")
    click.echo("Press Ctrl-C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo("Stopped.")
