"""A full disk costs log lines, never the show."""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

import pytest

from kiosk.logs import RecentErrors, RepeatLimit
from tests.clocks import StepClock

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


class FullDisk:
    def tell(self) -> int:
        return 0

    def seek(self, *_args: object) -> int:
        return 0

    def write(self, _text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


def test_logging_on_a_full_disk_does_not_raise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = logging.handlers.RotatingFileHandler(tmp_path / "kiosk.log", maxBytes=1000)
    assert handler.stream is not None
    handler.stream.close()
    handler.stream = FullDisk()  # type: ignore[assignment]
    log = logging.getLogger("kiosk.test.fulldisk")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.error("the show goes on")  # must not raise
        log.error("and on")
    finally:
        log.removeHandler(handler)
    assert "No space left on device" in capsys.readouterr().err


def _logger_to(stream: io.StringIO, limit: RepeatLimit, name: str) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(limit)
    log = logging.getLogger(name)
    log.handlers[:] = [handler]
    log.propagate = False
    return log


def _paint(log: logging.Logger) -> None:
    """A paint that fails, and the guard that logs what it raised (always the same place)."""
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        log.exception("uncaught exception")


def test_an_error_repeating_sixty_times_a_second_is_logged_once_a_minute() -> None:
    clock = StepClock(100.0)
    limit = RepeatLimit(clock)
    out = io.StringIO()
    log = _logger_to(out, limit, "kiosk.test.repeats")
    for _ in range(600):  # ten seconds of a failing paint at 60 frames a second
        _paint(log)
        clock.now += 1 / 60
    text = out.getvalue()
    assert text.count("Traceback") == 1 and "ZeroDivisionError" in text  # the first is kept
    log.error("the content folder is gone")  # a different error passes at once
    assert "the content folder is gone" in out.getvalue()
    clock.now += 50.5  # a minute after the first
    _paint(log)
    assert out.getvalue().count("Traceback") == 2
    assert "uncaught exception [599 more like this in the last 60 s]" in out.getvalue()


def test_what_was_held_back_is_counted_when_the_kiosk_stops(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = StepClock(0.0)
    limit = RepeatLimit(clock)
    log = _logger_to(io.StringIO(), limit, "kiosk.test.held")
    for _ in range(5):
        log.warning("the stick is slow")
    with caplog.at_level(logging.WARNING, logger="kiosk.logs"):
        limit.report_held_back()
    assert "4 more like this were not logged: the stick is slow" in caplog.text


def test_an_error_with_an_empty_message_reaches_the_staff_screen() -> None:
    recent = RecentErrors()
    log = logging.getLogger("kiosk.test.empty")
    log.handlers[:] = [recent]
    log.propagate = False
    log.error("")
    try:
        raise KeyError("x")
    except KeyError:
        log.exception("")
    assert [line.split(" ", 1)[1] for line in recent.lines()] == [
        "(no message) at test_logs:" + str(_line_of_empty_error()),
        "KeyError",
    ]


def _line_of_empty_error() -> int:
    source = Path(__file__).read_text().splitlines()
    return next(n for n, line in enumerate(source, 1) if line.strip() == 'log.error("")')


def test_the_same_line_with_other_values_is_another_message() -> None:
    out = io.StringIO()
    log = _logger_to(out, RepeatLimit(StepClock(0.0)), "kiosk.test.values")
    for what in ("the Escape key", "Alt+F4", "a quit shortcut", "Alt+F4"):
        log.warning("refused %s", what)
    assert out.getvalue().splitlines() == [
        "WARNING refused the Escape key",
        "WARNING refused Alt+F4",
        "WARNING refused a quit shortcut",
    ]


def test_staff_read_errors_in_their_language_and_the_log_keeps_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The staff status says each error in the staff's language, its values as they were;
    the log file, for whoever supports the kiosk, stays English."""
    from kiosk.i18n.said import said

    recent = RecentErrors()
    out = io.StringIO()
    log = logging.getLogger("kiosk.test.said")
    log.handlers[:] = [recent, logging.StreamHandler(out)]
    log.propagate = False
    monkeypatch.setattr("time.localtime", lambda _t=None: (2026, 11, 30, 14, 5, 0, 0, 334, 0))
    log.error("cannot save %s: %s", "/data/state.json", "No space left on device")
    problem = said("{path}: unknown setting '{key}'", path="/etc/kiosk.toml", key="pin")
    log.error("%s", problem)

    assert recent.lines("de") == [
        "14:05 /data/state.json nicht gespeichert: No space left on device",
        "14:05 /etc/kiosk.toml: unbekannte Einstellung 'pin'",
    ]
    assert recent.lines("ru")[1] == "14:05 /etc/kiosk.toml: неизвестная настройка 'pin'"
    english = [
        "14:05 cannot save /data/state.json: No space left on device",
        "14:05 /etc/kiosk.toml: unknown setting 'pin'",
    ]
    assert recent.lines("en") == english
    assert recent.lines("uk") == english  # no words in Ukrainian: English, not a gap
    assert out.getvalue().splitlines() == [line[6:] for line in english]
