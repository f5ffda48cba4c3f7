"""Rhomboid domain logic: pure functions over plain data. Imports nothing of ours.

No I/O, no Flask, no database and no clock of its own: time is an argument.
"""
