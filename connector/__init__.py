"""Everything that talks to the outside: Strava (through stravalib), the local
Strava emulator, coach channels, fixtures.

Nothing heavy is imported here: see :mod:`connector._stravalib` for how
stravalib is brought in.
"""
