"""The ``rhomboid`` command line."""

from __future__ import annotations

import json
import logging
import sys

import click

from connector.emulator.cli import emulator
from webhook.config import ConfigError, load_config
from webhook.db import migrate_command


MAX_REQUEST_BYTES = 1024 * 1024  # no page takes more; Strava's events are under 1 KB
EMBEDDED_SWITCH_S = 0.001


def _config(**overrides):
    try:
        return load_config(overrides={k: str(v) for k, v in overrides.items() if v is not None})
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _services(**overrides):
    from webhook.db import migrate, open_db
    from webhook.services import Services

    config = _config(**overrides)
    db = open_db(config.db_path)
    try:
        migrate(db)
    finally:
        db.close()
    return Services(config)


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("urllib3").setLevel(logging.WARNING)  # it would log the client secret
    if not verbose:
        for noisy in ("apscheduler", "connector.strava._Api", "stravalib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhomboid")
def main() -> None:
    """Rhomboid: links upper-back soreness to running load spikes on Strava
    and writes a short, tailored note back onto the activity."""


main.add_command(migrate_command)
main.add_command(emulator)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8700, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@click.option("--worker/--no-worker", default=True, show_default=True,
              help="Run the worker in this process (the embedded default); use --no-worker with a separate `rhomboid worker`.")
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def serve(host, port, threads, worker, db_path, verbose):
    """Serve the web app with a production WSGI server (waitress)."""
    import waitress

    from webhook import create_app
    from webhook.worker import Worker, WorkerAlreadyRunning

    _logging(verbose)
    services = _services(RHOMBOID_DB=db_path)
    running = None
    if worker:
        # The worker's CPU work (assessing, parsing Strava's JSON) holds the
        # GIL in 5 ms slices by default; every ack needs the GIL several
        # times, so it is handed over sooner while both share the process.
        sys.setswitchinterval(EMBEDDED_SWITCH_S)
        try:
            running = Worker(services).start()
        except WorkerAlreadyRunning as error:
            raise click.ClickException(f"{error} (or pass --no-worker)") from None
    click.echo(f"Rhomboid on http://{host}:{port}  webhook: {services.config.base_url}"
               "/strava/webhook/<RHOMBOID_WEBHOOK_SECRET>", err=True)
    try:
        # waitress reads a whole body before the app sees it: its own limit
        # (413) keeps a huge one out of memory and disk; the webhook's is 64 KB
        waitress.serve(create_app(services), host=host, port=port, threads=threads, ident="rhomboid",
                       max_request_body_size=MAX_REQUEST_BYTES)
    finally:
        if running:
            running.stop()


@main.command()
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def worker(db_path, verbose):
    """Run the one scheduler process: inbox, raw-payload purge, coach alerts."""
    import signal
    import threading

    from webhook.worker import Worker, WorkerAlreadyRunning

    _logging(verbose)
    services = _services(RHOMBOID_DB=db_path)
    try:
        running = Worker(services).start()
    except WorkerAlreadyRunning as error:
        raise click.ClickException(str(error)) from None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"worker running for {services.config.db_path}; Ctrl-C to stop", err=True)
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


@main.group(invoke_without_command=True)
@click.option("--status", type=click.Choice(["pending", "processing", "done", "ignored", "dead"]), help="Only events with this status.")
@click.option("--limit", default=50, show_default=True, type=int, help="How many events at most.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.pass_context
def events(ctx, status, limit, as_json, db_path):
    """List inbox events, newest first; `events retry ID|--dead` queues them again."""
    ctx.ensure_object(dict)["db_path"] = db_path
    if ctx.invoked_subcommand is not None:
        return
    from datetime import datetime, timezone

    from webhook import inbox
    from webhook.store import pipeline

    db = _open(db_path)
    rows = inbox.list_events(db, status=status, limit=limit)
    health, now = pipeline.strava_health(db), datetime.now(timezone.utc)
    for row in rows:
        why = inbox.why(row, now, health)
        if as_json:
            click.echo(json.dumps({**{k: row.get(k) for k in (
                "id", "status", "object_type", "aspect_type", "object_id", "owner_id",
                "event_time", "attempts", "outcome", "reason", "last_error")}, "why": why}))
        else:
            click.echo(f"{row['id']:>6}  {row['status']:<10} {row['object_type']}/{row['aspect_type']} "
                       f"{row['object_id']} (owner {row['owner_id']})  attempts {row['attempts']}  "
                       f"{row['outcome'] or ''} {why}".rstrip())
    if not rows and not as_json:
        click.echo("no events" + (f" with status {status}" if status else ""))


def _open(db_path):
    from webhook.db import default_db_path, migrate, open_db

    db = open_db(db_path or default_db_path())
    migrate(db)
    return db


@events.command("retry")
@click.argument("event_id", required=False, type=int)
@click.option("--dead", "all_dead", is_flag=True, help="Retry every dead event.")
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.pass_context
def events_retry(ctx, event_id, all_dead, db_path):
    """Put an event (or every dead one) back in the queue."""
    from webhook import inbox

    if (event_id is None) == (not all_dead):
        raise click.UsageError("give an EVENT_ID or --dead")
    db = _open(db_path or ctx.obj.get("db_path"))
    if all_dead:
        click.echo(f"{inbox.retry_dead(db)} dead event(s) queued again")
    elif inbox.retry(db, event_id):
        click.echo(f"event {event_id} queued again")
    else:
        raise click.ClickException(f"no event {event_id} to retry")


@main.group()
def subscription():
    """Manage the Strava push subscription (against Strava or the emulator)."""


@subscription.command("create")
def subscription_create():
    """Create the subscription; Strava calls our webhook to validate it."""
    from connector.strava import StravaError
    from webhook.services import utc_now

    services = _services()
    try:
        sub_id = services.strava.create_subscription(services.config.webhook_url, services.config.verify_token)
    except StravaError as error:
        raise click.ClickException(f"Strava refused the subscription: {error}") from None
    from webhook import store

    db = services.db()
    store.remember_subscription(db, sub_id, services.config.webhook_url, now=utc_now())
    db.close()
    click.echo(f"subscription {sub_id} created for {services.config.webhook_url}")


@subscription.command("view")
def subscription_view():
    """Show the subscription Strava has for this application."""
    services = _services()
    subs = services.strava.list_subscriptions()
    if not subs:
        click.echo("no subscription")
    for sub in subs:
        click.echo(f"subscription {sub.get('id')}: {sub.get('callback_url')}")


@subscription.command("delete")
@click.argument("subscription_id", required=False, type=int)
def subscription_delete(subscription_id):
    """Delete the subscription (the stored one unless an id is given)."""
    services = _services()
    subs = services.strava.list_subscriptions()
    ids = [subscription_id] if subscription_id else [s["id"] for s in subs]
    if not ids:
        raise click.ClickException("no subscription to delete")
    for sub_id in ids:
        services.strava.delete_subscription(sub_id)
        click.echo(f"subscription {sub_id} deleted")
    from webhook import store

    db = services.db()
    store.forget_subscription(db)
    db.close()


@main.command()
@click.option("--serve", is_flag=True, help="Keep the app and the emulator up afterwards and print the page URLs.")
@click.option("--port", default=8700, show_default=True, type=int, help="App port with --serve.")
def demo(serve, port):
    """Run the whole product on a local Strava emulator: connect a runner, deliver a week of runs, print the notes."""
    from webhook.devtools.demo import run_demo

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    run_demo(click.echo, serve=serve, port=port)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per webhook event, in order.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Keep the replay's database in FILE.")
@click.option("--target", metavar="URL", help="Drive a running Rhomboid server (whose Strava is the emulator) instead of replaying in-process.")
@click.option("--emulator", "emulator_url", metavar="URL", help="With --target: the emulator that server uses (default: $RHOMBOID_STRAVA_URL).")
def replay(paths, as_json, db_path, target, emulator_url):
    """Replay recorded webhook fixtures against the local Strava emulator."""
    from connector.fixtures import FixtureError
    from webhook.devtools.replay import replay_paths

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    # a refused refresh is how a replayed deauthorization is confirmed: the
    # outcome line says what happened, the connector's warning would only alarm
    logging.getLogger("connector.strava").setLevel(logging.ERROR)

    def show(fixture, line):
        if as_json:
            click.echo(json.dumps(line.as_json(), ensure_ascii=False))
            return
        e = line.event
        click.echo(f"[{fixture.name}] {e['object_type']} {e['aspect_type']} {e['object_id']}: "
                   f"{line.outcome}" + (f" ({line.reason})" if line.reason else ""))
        if line.note:
            click.echo("  " + line.note["text"].replace("\n", "\n  "))
        for alert in line.alerts:
            click.echo(f"  -> {alert['level']} alert to {alert['to']} by {alert['channel']}")

    try:
        if target:
            import requests

            from webhook.devtools.replay_target import TargetError, replay_against

            try:
                replay_against(target, emulator_url or _config().strava_url, list(paths), on_line=show)
            except TargetError as error:
                raise click.ClickException(str(error)) from None
            except requests.RequestException as error:
                raise click.ClickException(f"cannot reach the server or the emulator: {error}") from None
        else:
            replay_paths(list(paths), db_path=db_path, on_line=show)
    except FixtureError as error:
        raise click.ClickException(str(error)) from None


@main.group()
def fixtures():
    """Turn stored data into replayable fixtures."""


@fixtures.command("export")
@click.argument("athlete_id", type=int)
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
def fixtures_export(athlete_id, directory, db_path):
    """Write ATHLETE_ID's data as a fixture in DIRECTORY (tokens and emails scrubbed)."""
    from connector.fixtures import FixtureError, write_fixture
    from webhook.devtools.export import ExportError, export_fixture

    db = _open(db_path)
    try:
        fixture = export_fixture(db, athlete_id)
        path = write_fixture(fixture, directory)
    except (ExportError, FixtureError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {path}: {len(fixture.activities)} activities, {len(fixture.events)} events"
               f"{f', {len(fixture.coaches)} coaches' if fixture.coaches else ''}")


if __name__ == "__main__":  # pragma: no cover
    main()
