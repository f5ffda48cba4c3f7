"""Run the suite, and every process it starts, under a faked wall clock.

    FAKE_NOW=2026-12-06T23:50:00+00:00 PYTHONPATH=tests/fakeclock .venv/bin/python -m pytest -q

Python imports ``sitecustomize`` at start-up from the path, so the test
process and each server, worker and CLI process it spawns (they inherit
PYTHONPATH) travel to FAKE_NOW with time-machine and tick on from there.
Only the wall clock moves (``time.time``, ``datetime.now``); monotonic
clocks and timed waits stay real, unlike libfaketime, whose timed waits
hang under Python 3.11 on this machine.
"""

import os

_when = os.environ.get("FAKE_NOW")
if _when:
    try:
        import time_machine
    except ImportError:  # a process outside the project's virtualenv
        pass
    else:
        time_machine.travel(_when, tick=True).start()
