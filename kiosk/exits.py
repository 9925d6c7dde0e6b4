"""The kiosk command's exit codes, for scripts and service managers."""

OK = 0
CANNOT_WRITE = 1  # an output file or folder could not be written
INVALID_CONTENT = 2  # the show has errors; `validate` lists them
NO_DISPLAY = 3  # no window can open here, or the Qt binding cannot run the kiosk safely
ALREADY_RUNNING = 5  # another kiosk plays on the same data folder
