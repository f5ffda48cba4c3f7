"""Run the suite, and every process it starts, under a faked wall clock.

    FAKE_NOW=2026-12-06T23:50:00+00:00 PYTHONPATH=tests/fakeclock .venv/bin/python -m pytest -q

Python imports ``sitecustomize`` at start-up from the path, so the test
process and each server, worker and CLI process it spawns (they inherit
PYTHONPATH) move their wall clock with time-machine and tick on from there.
The first process turns FAKE_NOW into an offset from the real time
(FAKE_OFFSET_S, inherited by its children), so every process agrees on the
time, as they would on a real machine: a process started later does not
start again at FAKE_NOW. Only the wall clock moves (``time.time``,
``datetime.now``); monotonic clocks and timed waits stay real, unlike
libfaketime, whose timed waits hang under Python 3.11 on this machine.
"""

import os
import time

_when = os.environ.get("FAKE_NOW")
if _when:
    # children started in another directory (servers in a test's tmp dir)
    # must still find this file: make the path absolute for them
    os.environ["PYTHONPATH"] = os.pathsep.join(
        os.path.abspath(entry) for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry)
    try:
        import time_machine
    except ImportError:  # a process outside the project's virtualenv
        pass
    else:
        from datetime import datetime

        if "FAKE_OFFSET_S" not in os.environ:
            os.environ["FAKE_OFFSET_S"] = str(datetime.fromisoformat(_when).timestamp() - time.time())
        time_machine.travel(time.time() + float(os.environ["FAKE_OFFSET_S"]), tick=True).start()
