"""`bench` and `soak`: the kiosk's speed and memory, measured in fresh child processes.

`measure` runs the benchmark and reports; each `*_child` module is one child program (nothing is
imported here, so a child starts with only what it measures).
"""
