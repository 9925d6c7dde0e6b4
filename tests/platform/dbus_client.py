"""What both D-Bus client scripts start with: every log line printed, and kept in `logged`."""

LOG_TO_STDOUT = """
import logging

logged = []


class Keep(logging.Handler):
    def emit(self, record):
        logged.append(record.getMessage())
        print("log", record.levelname, record.getMessage(), flush=True)


logging.getLogger().addHandler(Keep())
logging.getLogger().setLevel(logging.INFO)
"""
