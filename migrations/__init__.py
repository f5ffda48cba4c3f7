"""Numbered schema migrations, applied in order by sqlite-utils' ``Migrations``.

Append new migrations at the end with the next number; never edit one that
has shipped, because databases in the wild have already recorded it as
applied.

Conventions the schema keeps:

- Strava's own integer ids are the primary keys of athletes and activities.
- Instants (``*_at``) are UTC epoch seconds (INTEGER), like Strava's
  ``expires_at`` and ``event_time``. Local wall-clock values are ISO text:
  ``start_local`` ("2025-03-01T07:30:00") and ``day`` ("2025-03-01").
- JSON columns hold canonical JSON text.
- Every row that belongs to an athlete reaches ``athletes`` through a foreign
  key with ON DELETE CASCADE, so deleting the athlete deletes their data.
  The inbox is the exception: events arrive before we know the owner, so it
  has no foreign key and the store deletes an athlete's events explicitly.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("rhomboid")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE athletes (
            id INTEGER PRIMARY KEY,
            firstname TEXT NOT NULL DEFAULT '',
            sex TEXT,
            measurement_preference TEXT NOT NULL DEFAULT 'meters'
                CHECK (measurement_preference IN ('meters', 'feet')),
            scope TEXT NOT NULL DEFAULT '',
            -- Fernet ciphertext (connector.crypto), never the token itself
            access_token TEXT,
            refresh_token TEXT,
            expires_at INTEGER,
            note_mode TEXT NOT NULL DEFAULT 'auto'
                CHECK (note_mode IN ('auto', 'always')),
            max_heartrate INTEGER CHECK (max_heartrate IS NULL OR max_heartrate > 0),
            needs_reconnect INTEGER NOT NULL DEFAULT 0 CHECK (needs_reconnect IN (0, 1)),
            connected_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
            sport_type TEXT NOT NULL,
            start_local TEXT NOT NULL,
            day TEXT NOT NULL,
            distance_km REAL NOT NULL DEFAULT 0,
            moving_s INTEGER,
            elapsed_s INTEGER,
            average_heartrate REAL,
            max_heartrate REAL,
            perceived_exertion REAL,
            suffer_score REAL,
            average_speed REAL,
            name TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            private_note TEXT NOT NULL DEFAULT '',
            -- the DetailedActivity as fetched; purged after the retention period
            raw_json TEXT,
            fetched_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX activities_athlete_start ON activities(athlete_id, start_local);
        -- purge_raw only ever looks at rows that still hold a payload
        CREATE INDEX activities_raw_fetched ON activities(fetched_at)
            WHERE raw_json IS NOT NULL;

        CREATE TABLE soreness_reports (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
            activity_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('activity', 'checkin')),
            sore INTEGER NOT NULL CHECK (sore IN (0, 1)),
            severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 10),
            qualifiers TEXT NOT NULL DEFAULT '[]',
            red_flags TEXT NOT NULL DEFAULT '[]',
            reported_at INTEGER NOT NULL,
            CHECK ((source = 'activity') = (activity_id IS NOT NULL))
        );
        -- one report per activity; one check-in per athlete and day
        CREATE UNIQUE INDEX soreness_reports_activity ON soreness_reports(activity_id)
            WHERE activity_id IS NOT NULL;
        CREATE UNIQUE INDEX soreness_reports_checkin ON soreness_reports(athlete_id, day, source)
            WHERE source = 'checkin';
        CREATE INDEX soreness_reports_athlete_day ON soreness_reports(athlete_id, day);

        CREATE TABLE notes (
            activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
            athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL,
            text TEXT,
            hash TEXT,
            advice TEXT NOT NULL DEFAULT '[]',
            flags TEXT NOT NULL DEFAULT '[]',
            metrics TEXT NOT NULL DEFAULT '{}',
            soreness TEXT,
            association TEXT,
            posted_at INTEGER NOT NULL
        );
        CREATE INDEX notes_athlete ON notes(athlete_id);
        """
    )


@migrations()
def m002_inbox(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE inbox (
            id INTEGER PRIMARY KEY,
            dedup_key TEXT NOT NULL UNIQUE,
            subscription_id INTEGER,
            object_type TEXT NOT NULL,
            object_id INTEGER NOT NULL,
            aspect_type TEXT NOT NULL,
            owner_id INTEGER,
            updates TEXT NOT NULL DEFAULT '{}',
            event_time INTEGER,
            body TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'processing', 'done', 'ignored', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            claimed_at INTEGER,
            last_error TEXT,
            outcome TEXT,
            reason TEXT
        );
        CREATE INDEX inbox_status_next ON inbox(status, next_attempt_at);
        CREATE INDEX inbox_owner ON inbox(owner_id);
        """
    )


@migrations()
def m003_coaches(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE coaches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            email TEXT,
            webhook_url TEXT,
            slack_url TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX coaches_email ON coaches(email);

        -- a coach sees a runner only while consented_at is set and revoked_at is null
        CREATE TABLE coach_links (
            athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
            coach_id INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
            invite_token TEXT UNIQUE,
            invited_at INTEGER,
            consented_at INTEGER,
            revoked_at INTEGER,
            PRIMARY KEY (athlete_id, coach_id)
        );
        CREATE INDEX coach_links_coach ON coach_links(coach_id);

        -- coach alerts waiting to go out (or sent); athlete_id is null only for
        -- messages that name no single runner, such as a digest cover note
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER REFERENCES athletes(id) ON DELETE CASCADE,
            coach_id INTEGER REFERENCES coaches(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook', 'slack')),
            level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'urgent')),
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL DEFAULT '{}',
            dedup_key TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sent', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX outbox_status_next ON outbox(status, next_attempt_at);
        CREATE INDEX outbox_athlete ON outbox(athlete_id);
        CREATE INDEX outbox_coach ON outbox(coach_id);
        """
    )


@migrations()
def m004_strava_state(db: Database) -> None:
    db.executescript(
        """
        -- our Strava push subscription (Strava allows one per application)
        CREATE TABLE subscription (
            id INTEGER PRIMARY KEY,
            callback_url TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );

        -- Strava's rate-limit windows as last reported by its headers:
        -- X-RateLimit-* ('overall') and X-ReadRateLimit-* ('read'), each with a
        -- 15-minute and a daily window
        CREATE TABLE rate_budget (
            kind TEXT PRIMARY KEY,
            short_limit INTEGER NOT NULL,
            short_usage INTEGER NOT NULL DEFAULT 0,
            short_resets_at INTEGER,
            daily_limit INTEGER NOT NULL,
            daily_usage INTEGER NOT NULL DEFAULT 0,
            daily_resets_at INTEGER,
            updated_at INTEGER
        );
        -- Strava's documented defaults until the first response says otherwise
        INSERT INTO rate_budget (kind, short_limit, daily_limit) VALUES
            ('overall', 200, 2000),
            ('read', 100, 1000);
        """
    )


@migrations()
def m005_backfilled_at(db: Database) -> None:
    # When the runner's history was last read: a backfill that failed at
    # connection time (rate limit, Strava down) is retried by the worker.
    # Left NULL for runners already connected: before this column a failed
    # backfill went unnoticed, so each is read once more (harmless: it only
    # adds activities we do not have).
    db.execute("ALTER TABLE athletes ADD COLUMN backfilled_at INTEGER")


@migrations()
def m006_pipeline(db: Database) -> None:
    # The event pipeline under load (issue 10):
    # - the inbox keeps each event once: its columns *are* the body (Strava's
    #   event has no other fields), so the duplicate ``body`` text goes;
    # - ``failing_since``: when Strava first failed this event (5xx, timeout);
    #   the retry budget (RHOMBOID_RETRY_HOURS) counts from there;
    # - ``finished_at``: when the event became done, ignored or dead, for the
    #   retention purge;
    # - ``inbox_due`` lets a claim take the next due event without sorting
    #   every waiting one, and a deferral reschedule them in one range;
    #   ``inbox_processing`` finds abandoned claims without a scan;
    # - ``inbox_object`` makes deleting a runner's athlete events an index
    #   lookup instead of a scan of the whole inbox.
    db.executescript(
        """
        ALTER TABLE inbox DROP COLUMN body;
        ALTER TABLE inbox ADD COLUMN failing_since INTEGER;
        ALTER TABLE inbox ADD COLUMN finished_at INTEGER;
        UPDATE inbox SET finished_at = received_at WHERE status IN ('done', 'ignored', 'dead');
        DROP INDEX inbox_status_next;
        CREATE INDEX inbox_due ON inbox(next_attempt_at, id) WHERE status = 'pending';
        CREATE INDEX inbox_processing ON inbox(claimed_at) WHERE status = 'processing';
        CREATE INDEX inbox_status_finished ON inbox(status, finished_at);
        CREATE INDEX inbox_object ON inbox(object_id);
        CREATE INDEX outbox_sent ON outbox(sent_at) WHERE status = 'sent';

        -- counters Prometheus reads on scrape, across processes: events
        -- refused by reason (never stored), notes written
        CREATE TABLE counters (
            name TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            value INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (name, label)
        );

        -- the worker's view of Strava (its circuit breaker), for
        -- `rhomboid events` and /metrics in other processes
        CREATE TABLE strava_health (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            state TEXT NOT NULL CHECK (state IN ('up', 'down')),
            since INTEGER,
            next_probe_at INTEGER,
            last_error TEXT,
            updated_at INTEGER NOT NULL
        );
        """
    )


@migrations()
def m007_coach_accounts(db: Database) -> None:
    # A coach signs in with a one-time e-mail link (no Strava account); the
    # address is theirs once they followed an invitation or sign-in link
    # (verified_at). Digest hour and quiet period are the coach's own, the
    # digest hour in the coach's time zone. The signing secret signs their
    # outbound webhooks (Standard Webhooks).
    import base64
    import secrets

    db.executescript(
        """
        ALTER TABLE coaches ADD COLUMN verified_at INTEGER;
        ALTER TABLE coaches ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
        ALTER TABLE coaches ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 18
            CHECK (digest_hour BETWEEN 0 AND 23);
        ALTER TABLE coaches ADD COLUMN quiet_hours INTEGER NOT NULL DEFAULT 12
            CHECK (quiet_hours BETWEEN 0 AND 168);
        ALTER TABLE coaches ADD COLUMN signing_secret TEXT;

        -- one-time sign-in links: a nonce is used once, then never again
        CREATE TABLE coach_logins (
            nonce TEXT PRIMARY KEY,
            coach_id INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            used_at INTEGER
        );
        CREATE INDEX coach_logins_coach ON coach_logins(coach_id);
        """
    )
    for (coach_id,) in db.execute("SELECT id FROM coaches").fetchall():
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
        db.execute("UPDATE coaches SET signing_secret = ? WHERE id = ?", [secret, coach_id])


@migrations()
def m008_private_note_text(db: Database) -> None:
    # The full urgent message when the note posted on Strava may only point
    # to it (a warning sign said in a private note or a check-in, on an
    # activity others can see). Shown to the runner alone, on /me and in
    # their own export; never to a coach. It lives in the note's row, so
    # deleting the activity or the runner deletes it.
    db.execute("ALTER TABLE notes ADD COLUMN private_text TEXT")


@migrations()
def m009_report_sources(db: Database) -> None:
    # Each soreness report remembers which text said it: the activity's
    # title, description or private note, or a check-in. A private note's
    # words (and a check-in's signs) count toward the runner's advice but must
    # never reach another activity's public note or a coach; a combined
    # 'activity' row had forgotten which words were private.
    #
    # An old combined row is split again from the activity's raw payload when
    # it is still stored (the same reading the store does today); without it
    # the row cannot be split, and it is kept whole as a private-note report:
    # it still counts, and nothing old can leak. ``sore`` may now be NULL: a
    # text may add only a qualifier or a warning sign to a report another
    # text of the same activity made ("worse on a deep breath" in the private
    # note of a run tagged #upperback in its title).
    import json

    from insights.activities import activity_from_strava
    from insights.soreness import field_reports

    # statement by statement, not executescript (which would commit the
    # transaction migrate() holds): a failure leaves the old table as it was
    db.execute(
        """
        CREATE TABLE soreness_reports_new (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
            activity_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            source TEXT NOT NULL
                CHECK (source IN ('title', 'description', 'private_note', 'checkin')),
            sore INTEGER CHECK (sore IS NULL OR sore IN (0, 1)),
            severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 10),
            qualifiers TEXT NOT NULL DEFAULT '[]',
            red_flags TEXT NOT NULL DEFAULT '[]',
            reported_at INTEGER NOT NULL,
            CHECK ((source = 'checkin') = (activity_id IS NULL)),
            CHECK (sore IS NOT NULL OR source <> 'checkin')
        )
        """
    )
    db.execute(
        """
        INSERT INTO soreness_reports_new
            (athlete_id, activity_id, day, source, sore, severity, qualifiers, red_flags, reported_at)
            SELECT athlete_id, activity_id, day, source, sore, severity, qualifiers, red_flags, reported_at
            FROM soreness_reports WHERE source = 'checkin'
        """
    )
    old = db.execute(
        "SELECT r.athlete_id, r.activity_id, r.day, r.sore, r.severity, r.qualifiers, r.red_flags,"
        " r.reported_at, a.raw_json, a.name, a.description, a.private_note, a.sport_type, a.start_local"
        " FROM soreness_reports r LEFT JOIN activities a ON a.id = r.activity_id"
        " WHERE r.source = 'activity' ORDER BY r.id"
    ).fetchall()
    insert = (
        "INSERT INTO soreness_reports_new (athlete_id, activity_id, day, source, sore, severity, qualifiers,"
        " red_flags, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    for (athlete_id, activity_id, day, sore, severity, qualifiers, red_flags, reported_at, raw,
         name, description, private_note, sport_type, start_local) in old:
        split = []
        # the raw payload when it is still kept, else the texts the row keeps after the purge
        source = json.loads(raw) if raw else None if start_local is None else {
            "id": activity_id, "name": name or "", "description": description or "",
            "private_note": private_note or "", "sport_type": sport_type or "Run",
            "start_date_local": f"{start_local}Z", "start_date": f"{start_local}Z",
        }
        if source:
            try:
                texts = field_reports(activity_from_strava(source))
            except Exception:  # one odd row must not stop the migration: it is kept whole, below
                texts = {}
            for source, report in texts.items():
                if report.sore is None and not report.red_flags and not report.qualifiers:
                    continue
                split.append([
                    athlete_id, activity_id, day, source,
                    None if report.sore is None else int(report.sore), report.severity,
                    json.dumps(sorted(report.qualifiers), separators=(",", ":")),
                    json.dumps(list(report.red_flags), separators=(",", ":")), reported_at,
                ])
        if not any(row[4] is not None for row in split):  # nothing to split it by: keep it whole, private
            split = [[athlete_id, activity_id, day, "private_note", sore, severity, qualifiers, red_flags,
                      reported_at]]
        for row in split:
            db.execute(insert, row)
    for statement in (
        "DROP TABLE soreness_reports",
        "ALTER TABLE soreness_reports_new RENAME TO soreness_reports",
        # one report per text of an activity; one check-in per athlete and day
        "CREATE UNIQUE INDEX soreness_reports_activity ON soreness_reports(activity_id, source)"
        " WHERE activity_id IS NOT NULL",
        "CREATE UNIQUE INDEX soreness_reports_checkin ON soreness_reports(athlete_id, day, source)"
        " WHERE source = 'checkin'",
        "CREATE INDEX soreness_reports_athlete_day ON soreness_reports(athlete_id, day)",
    ):
        db.execute(statement)
