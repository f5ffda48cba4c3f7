"""Everything that talks to the outside: Strava (through stravalib), the local
Strava emulator, coach channels, fixtures."""

import logging
import warnings

# Importing stravalib.exc turns on every warning for the whole process
# (warnings.simplefilter("default") and logging.captureWarnings(True)), which
# floods a server's log with ResourceWarnings at shutdown. Keep the process's
# own settings.
_filters = list(warnings.filters)
import stravalib.exc  # noqa: E402,F401

warnings.filters[:] = _filters
logging.captureWarnings(False)
