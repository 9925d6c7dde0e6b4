"""The Qt application and its guards: Qt's messages into the log, exceptions counted, crash
traces kept, stop signals posted to the event loop. The kiosk's start is kiosk/start.py."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from kiosk import exits

log = logging.getLogger("kiosk")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


FAILURES_TOLERATED = 5  # unhandled exceptions within FAILURE_WINDOW_S the show carries on through
FAILURE_WINDOW_S = 60.0


class FailureGuard(QObject):
    """Counts unhandled exceptions and ends the kiosk when they keep coming.

    Each one is logged at CRITICAL and the show goes on. Past FAILURES_TOLERATED within the
    last FAILURE_WINDOW_S seconds (a sliding window on `clock`, time.monotonic unless a test
    gives its own), what the failing slots left behind cannot be trusted: the event loop ends
    with exit 4 (internal error), and the deployment starts the kiosk again on its last good
    show. The stop is posted to the loop from whichever thread failed, never done inside the
    hook; `code` is set at once, so a stop that comes before the loop runs is not lost.
    """

    _stop = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.code: int | None = None  # exits.INTERNAL_ERROR once the kiosk is to stop
        self._times: deque[float] = deque()
        self._lock = threading.Lock()
        from PySide6.QtCore import Qt  # here: the kept first frame goes up before Qt's enums

        self._stop.connect(self._exit_loop, Qt.ConnectionType.QueuedConnection)

    def failed(self) -> None:
        """One unhandled exception, already logged: stops the kiosk if it is one too many."""
        with self._lock:
            now = self.clock()
            self._times.append(now)
            while now - self._times[0] >= FAILURE_WINDOW_S:
                self._times.popleft()
            count = len(self._times)
            if count <= FAILURES_TOLERATED or self.code is not None:
                return
            self.code = exits.INTERNAL_ERROR
        log.critical(
            "stopping with exit %d (internal error) after %d unhandled exceptions within %.0f s,"
            " to be started again by the kiosk's service or restart loop",
            exits.INTERNAL_ERROR,
            count,
            FAILURE_WINDOW_S,
        )
        self._stop.emit()

    def _exit_loop(self) -> None:
        # Ends exec() with the code; does nothing while no loop runs, and run_kiosk then does
        # not start one (`code` is already set).
        QApplication.exit(exits.INTERNAL_ERROR)


_guard: FailureGuard | None = None


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # An exception in a slot or paint event must not end the show, unless they keep coming.
    log.critical("uncaught exception", exc_info=(kind, error, trace))
    if _guard is not None:
        _guard.failed()


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.critical(
            "uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        if _guard is not None:
            _guard.failed()


# Qt's Wayland client says these on every focus change or output set-up; nothing is wrong,
# and as warnings they would push real problems out of the staff screen's last errors.
HARMLESS_QT_MESSAGES = (
    "QtWaylandClient::QWaylandTextInputv3::disableSurface",
    "QtWaylandClient::QWaylandTextInputv3::enableSurface",
    "Wayland does not support QWindow::requestActivate()",
    "Wayland does not support QWindow::raise()",
)


def qt_message_level(kind: QtMsgType, message: str) -> int:
    """The logging level for one of Qt's own messages."""
    if kind == QtMsgType.QtWarningMsg and any(m in message for m in HARMLESS_QT_MESSAGES):
        return logging.DEBUG
    return _QT_LEVELS.get(kind, logging.WARNING)


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(qt_message_level(kind, message), "%s", message)


_crash_file: IO[str] | None = None


def install_guards(
    crash_log: Path | None = None, clock: Callable[[], float] = time.monotonic
) -> FailureGuard:
    """Exceptions are logged and the show goes on, until they keep coming (FailureGuard); a
    hard crash leaves its trace in a file. Returns the guard, whose `code` says when to stop."""
    global _crash_file, _guard
    _guard = FailureGuard(clock)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_exception
    qInstallMessageHandler(_qt_message)
    if faulthandler.is_enabled():
        return _guard
    if crash_log is not None:
        try:
            _crash_file = crash_log.open("a", encoding="utf-8")
            faulthandler.enable(_crash_file)
            return _guard
        except OSError:
            pass
    if sys.stderr is not None:
        faulthandler.enable()
    return _guard


def leaks_none(call: Callable[[], object], times: int = 200) -> bool:
    """True when calling `call` drops references to None (measurable before Python 3.12)."""
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return sys.getrefcount(None) < before - times // 2


def binding_leaks_none() -> bool:
    """True for a Qt binding that drops a reference to None on void calls (PySide6 6.12.0).

    On Python 3.11 such a leak ends the process once None's count reaches zero: a kiosk
    would abort after minutes. Python 3.12 and newer make None immortal (its count never
    changes), so there the leak is harmless and cannot be measured.
    """
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtGui import QFont

    font = QFont()
    return leaks_none(lambda: font.setPixelSize(12))


def keep_no_module_sources() -> None:
    """Stops PySide6 from keeping the source text of every module imported after it.

    Shiboken's import hook asks whether each newly imported module uses PySide6 by reading its
    source with inspect.getsource, which leaves every line of every such module in linecache
    for good: about 11 MB of the running kiosk's heap. The same question is answered here by
    reading the file once and keeping nothing; where a binding lacks the hook, nothing changes.
    """
    import linecache

    linecache.clearcache()  # what was read before this call
    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get(
        "shibokensupport.feature"
    )
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (private to shiboken)


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from kiosk.platform.system import pin_malloc_threshold

    pin_malloc_threshold()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("release-now-kiosk")
    app.setApplicationDisplayName("Release N:OW")
    app.setOrganizationName("Release N:OW")
    return app


class _PassEverything(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False


def meet_qt_classes() -> None:
    """Has the binding make, now, the Python classes that the kiosk's input filters will need.

    An application-wide filter written in Python is handed every object that events go to,
    Qt's internal ones too. The first object of a class the binding does not know (the input
    method's context, under X) makes it create every class of Qt's modules that it has not
    yet made, with their enums: about 200 enums, 50 to 100 ms. Passing the events pending now
    through such a filter pays that here, while the show is checked in its own process,
    instead of before the show's first frame.
    """
    app = QApplication.instance()
    if app is None:
        return
    primer = _PassEverything()
    app.installEventFilter(primer)
    try:
        app.processEvents()
    finally:
        app.removeEventFilter(primer)


class StopSignals(QObject):
    """SIGTERM (systemd stop, a shutdown) and SIGINT (Ctrl+C in a terminal) end the show
    cleanly: counts saved, window closed. The locked window refuses ordinary close requests,
    so the stop goes through its own quit.

    Python runs signal handlers only between bytecodes, and Qt's loop runs none while it
    waits. Python writes each signal's number to a socket (signal.set_wakeup_fd); Qt watches
    that socket, and the moment it wakes the handler runs. Nothing polls meanwhile.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self, stop: Callable[[], None] | None = None, parent: QObject | None = None):
        """`stop` may come later (`hand_over`): the signals are caught from the first moments
        of the start, and a stop asked for before the show is up is kept until it is."""
        super().__init__(parent)
        import socket  # here: not needed before the start

        self._stop = stop
        self.requested = False  # a stop was asked for
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {number: signal.signal(number, self._handle) for number in self.SIGNALS}

    def _handle(self, number: int, _frame: object) -> None:
        log.warning("%s: stopping", signal.Signals(number).name)
        self.requested = True
        # Posted to the event loop, not called here: a signal that arrives before the loop has
        # started (a stop right after a start) would otherwise quit a loop not yet running,
        # and the quit would be lost.
        QTimer.singleShot(0, self, self._call_stop)

    def _call_stop(self) -> None:
        if self._stop is not None:
            self._stop()

    def hand_over(self, stop: Callable[[], None]) -> None:
        """From now on a signal calls `stop`; one that came before is acted on now."""
        self._stop = stop
        if self.requested:
            QTimer.singleShot(0, self, self._call_stop)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):  # nothing to read: the handler has run anyway
            self._read.recv(64)

    def release(self) -> None:
        signal.set_wakeup_fd(self._previous_fd)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
