"""The ``rhomboid`` command line.

Only click and the standard library are imported here: each command imports
what it needs when it runs, so ``rhomboid --help`` starts in a blink.

Errors a user can meet are one line and a non-zero exit, never a traceback:
a command raises :class:`CLIError` (a ``click.ClickException``), and the
``rhomboid`` group turns the known failures from below (a database that
cannot be opened, Strava unreachable, a port in use, a bad setting) into one.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import sys

import click

from connector.emulator.cli import emulator
from webhook.serve_logs import summarise_busy_threads


class CLIError(click.ClickException):
    """One clear line for the user (``Error: ...``) and exit status 1."""


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class RhomboidGroup(click.Group):
    """The top-level group: known failures from any command become a CLIError."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except sqlite3.Error as error:
            raise CLIError(f"database error: {_one_line(error)}") from None
        except OSError as error:
            raise CLIError(_one_line(error)) from None
        except Exception as error:
            # imported only if already loaded: a command that met them has loaded them
            for module, names in (("webhook.config", ("ConfigError",)), ("webhook.db", ("DatabaseUnavailable",)),
                                  ("connector.errors", ("StravaError",))):
                loaded = sys.modules.get(module)
                if loaded and isinstance(error, tuple(getattr(loaded, n) for n in names)):
                    raise CLIError(_one_line(error)) from None
            raise


MAX_REQUEST_BYTES = 1024 * 1024  # no page takes more; Strava's events are under 1 KB


def _config(**overrides):
    from webhook.config import ConfigError, load_config

    try:
        return load_config(overrides={k: str(v) for k, v in overrides.items() if v is not None})
    except ConfigError as error:
        raise CLIError(str(error)) from None


def _open(db_path: str | None):
    """The database (migrated), from --db or RHOMBOID_DB; a clear error when it cannot be opened."""
    from webhook.config import ConfigError, default_db_path
    from webhook.db import DatabaseUnavailable, open_migrated

    try:
        return open_migrated(db_path or default_db_path())
    except (DatabaseUnavailable, ConfigError) as error:
        raise CLIError(str(error)) from None


def _services(**overrides):
    from webhook.services import Services

    config = _config(**overrides)
    _open(config.db_path).close()
    return Services(config)


def _strava_call(services, what: str, call):
    """Run a Strava call for the CLI: unreachable and refused are told apart, in one line."""
    from connector.errors import Deferred, StravaError, TransientError

    try:
        return call()
    except TransientError as error:
        raise CLIError(f"cannot reach Strava at {services.config.strava_url} to {what}: {_one_line(error)}") from None
    except Deferred as error:
        raise CLIError(f"Strava's rate limit: cannot {what} now ({_one_line(error)})") from None
    except StravaError as error:
        raise CLIError(f"Strava refused to {what}: {_one_line(error)}") from None


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("urllib3").setLevel(logging.WARNING)  # it would log the client secret
    summarise_busy_threads()  # waitress would log a line per request that waits for a thread
    if not verbose:
        for noisy in ("apscheduler", "connector.strava._Api", "stravalib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group(cls=RhomboidGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhomboid")
def main() -> None:
    """Rhomboid: links upper-back soreness to running load spikes on Strava
    and writes a short, tailored note back onto the activity."""


main.add_command(emulator)


@main.command("migrate")
@click.option("--db", "db_path", metavar="FILE", show_default="$RHOMBOID_DB or rhomboid.db",
              help="The SQLite database file to migrate (created if missing).")
def migrate_command(db_path: str | None) -> None:
    """Apply pending database migrations."""
    from webhook.config import default_db_path
    from webhook.db import migrate, open_db

    db_path = db_path or default_db_path()
    try:
        db = open_db(db_path)
    except sqlite3.Error as error:
        raise CLIError(f"cannot open the database {db_path}: {error}") from None
    try:
        applied = migrate(db)
    except sqlite3.Error as error:
        raise CLIError(f"migrating {db_path} failed: {error}") from None
    finally:
        db.close()
    if applied:
        for name in applied:
            click.echo(f"Applied {name}")
        click.echo(f"{db_path} is up to date ({len(applied)} migration(s) applied)")
    else:
        click.echo(f"{db_path} is already up to date")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8700, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@click.option("--worker/--no-worker", default=True, show_default=True,
              help="Run the worker beside the server, as a child process it restarts if it dies (the default); "
                   "use --no-worker with a separate `rhomboid worker`.")
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def serve(host, port, threads, worker, db_path, verbose):
    """Serve the web app with a production WSGI server (waitress)."""
    import signal

    import waitress

    from webhook import create_app
    from webhook.worker_process import WorkerDidNotStart, WorkerProcess, lock_path, worker_running

    _logging(verbose)
    services = _services(RHOMBOID_DB=db_path)
    if worker and worker_running(services.config.db_path):
        raise CLIError(f"another Rhomboid worker is already running for {services.config.db_path} "
                       f"(lock {lock_path(services.config.db_path)}); run one worker per database "
                       "(or pass --no-worker)")
    try:  # bind before anything starts, so a taken port stops us cleanly
        # waitress reads a whole body before the app sees it: its own limit
        # (413) keeps a huge one out of memory and disk; the webhook's is 64 KB
        server = waitress.create_server(create_app(services), host=host, port=port, threads=threads,
                                        ident="rhomboid", max_request_body_size=MAX_REQUEST_BYTES)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CLIError(f"port {port} on {host} is already in use (try --port)") from None
        raise CLIError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    running = None
    if worker:
        try:
            running = WorkerProcess(services.config.db_path, verbose=verbose).start()
        except WorkerDidNotStart as error:
            server.close()
            raise CLIError(f"{error}; see its message above (or pass --no-worker)") from None
        services.wake_worker = running.wake

    def stop_serving(signum, frame):
        raise SystemExit(0)  # the finally below stops the worker after the event in hand

    signal.signal(signal.SIGTERM, stop_serving)
    click.echo(f"Rhomboid on http://{host}:{port}  webhook: {services.config.base_url}"
               "/strava/webhook/<RHOMBOID_WEBHOOK_SECRET>", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if running:
            running.stop()


@main.command()
@click.option("--db", "db_path", help="Database file (overrides RHOMBOID_DB).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
@click.option("--child", hidden=True,
              help="PID:FD: run as the worker process of `rhomboid serve` (wake-ups on stdin, ready on FD).")
def worker(db_path, verbose, child):
    """Run the one scheduler process: inbox, raw-payload purge, coach alerts."""
    import signal
    import threading

    from webhook.worker import Worker, WorkerAlreadyRunning
    from webhook.worker_process import become_child, listen_for_wakes, parse_child, say_ready

    _logging(verbose)
    parent_pid, ready_fd = parse_child(child) if child else (None, None)
    if parent_pid is not None:
        become_child(parent_pid)
    services = _services(RHOMBOID_DB=db_path)
    try:
        # a server's restarted worker may find the one before it still stopping
        running = Worker(services).start(wait_s=10 if parent_pid is not None else 0)
    except WorkerAlreadyRunning as error:
        raise CLIError(str(error)) from None
    stop = threading.Event()
    try:
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        if parent_pid is not None:
            listen_for_wakes(running.wake, stop)
            say_ready(ready_fd)
            click.echo(f"worker process {os.getpid()} running for {services.config.db_path}", err=True)
        else:
            click.echo(f"worker running for {services.config.db_path}; Ctrl-C to stop", err=True)
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

    from webhook import inbox, waiting
    from webhook.store import pipeline

    db = _open(db_path)
    rows = inbox.list_events(db, status=status, limit=limit)
    health, now = pipeline.strava_health(db), datetime.now(timezone.utc)
    for row in rows:
        why = waiting.why(row, now, health)
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
        raise CLIError(f"no event {event_id} to retry")


@main.group()
def subscription():
    """Manage the Strava push subscription (against Strava or the emulator)."""
    # a refusal or an unreachable Strava is reported once, as the command's error line
    logging.getLogger("connector").setLevel(logging.CRITICAL)


@subscription.command("create")
def subscription_create():
    """Create the subscription; Strava calls our webhook to validate it."""
    from webhook import store
    from webhook.services import utc_now

    services = _services()
    sub_id = _strava_call(services, "create the subscription", lambda: services.strava.create_subscription(
        services.config.webhook_url, services.config.verify_token))
    db = _open(services.config.db_path)
    try:
        store.remember_subscription(db, sub_id, services.config.webhook_url, now=utc_now())
    finally:
        db.close()
    click.echo(f"subscription {sub_id} created for {services.config.webhook_url}")


@subscription.command("view")
def subscription_view():
    """Show the subscription Strava has for this application."""
    services = _services()
    subs = _strava_call(services, "list subscriptions", services.strava.list_subscriptions)
    if not subs:
        click.echo("no subscription")
    for sub in subs:
        click.echo(f"subscription {sub.get('id')}: {sub.get('callback_url')}")


@subscription.command("delete")
@click.argument("subscription_id", required=False, type=int)
def subscription_delete(subscription_id):
    """Delete the subscription (the stored one unless an id is given)."""
    from webhook import store

    services = _services()
    if subscription_id:
        ids = [subscription_id]
    else:
        subs = _strava_call(services, "list subscriptions", services.strava.list_subscriptions)
        ids = [s["id"] for s in subs]
    if not ids:
        raise CLIError("no subscription to delete")
    for sub_id in ids:
        _strava_call(services, f"delete subscription {sub_id}",
                     lambda sub_id=sub_id: services.strava.delete_subscription(sub_id))
        click.echo(f"subscription {sub_id} deleted")
    db = _open(services.config.db_path)
    try:
        store.forget_subscription(db)
    finally:
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
                raise CLIError(str(error)) from None
            except requests.RequestException as error:
                raise CLIError(f"cannot reach the server or the emulator: {error}") from None
        else:
            replay_paths(list(paths), db_path=db_path, on_line=show)
    except FixtureError as error:
        raise CLIError(str(error)) from None


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
        raise CLIError(str(error)) from None
    finally:
        db.close()
    click.echo(f"wrote {path}: {len(fixture.activities)} activities, {len(fixture.events)} events"
               f"{f', {len(fixture.coaches)} coaches' if fixture.coaches else ''}")


if __name__ == "__main__":  # pragma: no cover
    main()
