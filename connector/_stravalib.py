"""stravalib, imported with the process's own warning settings kept.

Importing stravalib.exc turns on every warning for the whole process
(warnings.simplefilter("default") and logging.captureWarnings(True)), which
floods a server's log with ResourceWarnings at shutdown. Every connector
module imports this before stravalib, so the first import goes through here.
"""

import logging
import warnings

_filters = list(warnings.filters)
import stravalib.exc  # noqa: E402,F401

warnings.filters[:] = _filters
logging.captureWarnings(False)
