"""The kiosk command's exit codes, for scripts and service managers."""

OK = 0
CANNOT_WRITE = 1  # an output file or folder could not be written
INVALID_CONTENT = 2  # the show has errors; `validate` lists them
NO_DISPLAY = 3  # no window can open here, or the Qt binding cannot run the kiosk safely
INTERNAL_ERROR = 4  # unhandled exceptions kept coming: the kiosk stopped to be started again
ALREADY_RUNNING = 5  # another kiosk plays on the same data folder

# Every deployment recipe's rule (docs/deploy.md): after these the kiosk is not started again
# (staff quit it, or a new start would only repeat the problem); after any other code (4 above
# all) or a crash, it is.
NOT_RESTARTED = (OK, INVALID_CONTENT, NO_DISPLAY, ALREADY_RUNNING)
# What a shell reports for a kiosk that SIGTERM or SIGINT ended before it could stop by itself
# (in its first moments): someone stopped it on purpose, so the restart loops do not start it
# again. A crash (SIGSEGV, SIGABRT) or the kernel's SIGKILL is started again.
STOPPED_BY_SIGNAL = (128 + 15, 128 + 2)
