"""`bench` and `soak`: the kiosk's speed and memory, measured in fresh child processes.

`measure` runs the benchmark and reports; each `*_child` module is one child program.
"""

from kiosk.bench.measure import main, soak_main

__all__ = ["main", "soak_main"]
