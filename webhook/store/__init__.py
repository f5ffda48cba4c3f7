"""The store: small, domain-named reads and writes over the database.

Every function takes an open :class:`sqlite_utils.Database` (one per request
or job, see :mod:`webhook.db`) and, where it records a time, takes that time
as an argument: an aware ``datetime`` or UTC epoch seconds, stored as epoch
seconds. Local wall-clock values (``start_local``, ``day``) stay naive, as
Strava's ``start_date_local`` is.

Tokens are encrypted with a :class:`connector.crypto.TokenCipher` on the way
in and decrypted on the way out; nothing else ever sees the ciphertext.

Import from here (``from webhook.store import save_athlete``); the modules
behind it are an implementation detail.
"""

from webhook.store.activities import (
    activities_for,
    activity_owner,
    delete_activity,
    get_activity,
    purge_raw,
    runs_until,
    upsert_activity,
)
from webhook.store.athletes import (
    Tokens,
    athlete_tokens,
    delete_athlete,
    get_athlete,
    list_athletes,
    mark_backfilled,
    mark_needs_reconnect,
    save_athlete,
    save_tokens,
    set_max_heartrate,
    set_note_mode,
)
from webhook.store.subscription import forget_subscription, remember_subscription
from webhook.store.reports import (
    clear_activity_soreness,
    get_note,
    record_activity_soreness,
    save_note,
    save_soreness,
    sore_days_between,
    soreness_answers,
    soreness_for,
)

__all__ = [
    "Tokens",
    "activities_for",
    "activity_owner",
    "athlete_tokens",
    "clear_activity_soreness",
    "delete_activity",
    "delete_athlete",
    "get_activity",
    "get_athlete",
    "forget_subscription",
    "get_note",
    "list_athletes",
    "mark_backfilled",
    "mark_needs_reconnect",
    "purge_raw",
    "runs_until",
    "record_activity_soreness",
    "remember_subscription",
    "save_athlete",
    "save_note",
    "save_soreness",
    "save_tokens",
    "set_max_heartrate",
    "set_note_mode",
    "sore_days_between",
    "soreness_answers",
    "soreness_for",
    "upsert_activity",
    "add_coach",
    "claim_outbox",
    "coaches_for",
    "consent",
    "drop_unconsented",
    "get_coach",
    "invite_coach",
    "link_for_invite",
    "mark_outbox_dead",
    "mark_outbox_retry",
    "mark_outbox_sent",
    "outbox_rows",
    "queue_outbox",
    "revoke",
    "runners_for",
    "accept_invitation",
    "coach_for_sign_in",
    "new_sign_in",
    "runner_shares_with",
    "update_settings",
    "use_sign_in",
]
from webhook.store.coaches import (  # noqa: E402
    add_coach,
    claim_outbox,
    coaches_for,
    consent,
    drop_unconsented,
    get_coach,
    invite_coach,
    link_for_invite,
    mark_outbox_dead,
    mark_outbox_retry,
    mark_outbox_sent,
    outbox_rows,
    queue_outbox,
    revoke,
    runners_for,
)
from webhook.store.coach_accounts import (  # noqa: E402
    accept_invitation,
    coach_for_sign_in,
    new_sign_in,
    runner_shares_with,
    update_settings,
    use_sign_in,
)
