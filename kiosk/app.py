"""Builds the Qt application: logging, crash guards, fonts, and the kiosk window."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QSize,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from kiosk import exits

if TYPE_CHECKING:
    from kiosk.content import LoadedShow
    from kiosk.content.store import ShowStore
    from kiosk.platform.first_frame import FirstFrame as FirstFrameType
    from kiosk.platform.first_frame import StartPicture as StartPictureType
    from kiosk.ui.window import KioskWindow as KioskWindowType

log = logging.getLogger("kiosk")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # An exception in a slot or paint event must never end the show: log it and carry on.
    log.critical("uncaught exception", exc_info=(kind, error, trace))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.critical(
            "uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )


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


def install_guards(crash_log: Path | None = None) -> None:
    """Exceptions are logged and the show goes on; a hard crash leaves its trace in a file."""
    global _crash_file
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_exception
    qInstallMessageHandler(_qt_message)
    if faulthandler.is_enabled():
        return
    if crash_log is not None:
        try:
            _crash_file = crash_log.open("a", encoding="utf-8")
            faulthandler.enable(_crash_file)
            return
        except OSError:
            pass
    if sys.stderr is not None:
        faulthandler.enable()


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


class StopSignals(QObject):
    """SIGTERM (systemd stop, a shutdown) and SIGINT (Ctrl+C in a terminal) end the show
    cleanly: counts saved, window closed. The locked window refuses ordinary close requests,
    so the stop goes through its own quit.

    Python runs signal handlers only between bytecodes, and Qt's loop runs none while it
    waits. Python writes each signal's number to a socket (signal.set_wakeup_fd); Qt watches
    that socket, and the moment it wakes the handler runs. Nothing polls meanwhile.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        import socket  # here: not needed before the show runs

        self._stop = stop
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {number: signal.signal(number, self._handle) for number in self.SIGNALS}

    def _handle(self, number: int, _frame: object) -> None:
        log.warning("%s: stopping", signal.Signals(number).name)
        # Posted to the event loop, not called here: a signal that arrives before the loop has
        # started (a stop right after a start) would otherwise quit a loop not yet running,
        # and the quit would be lost.
        QTimer.singleShot(0, self, self._stop)

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


PICTURE_CHECK_DELAY_MS = 3000
FIRST_FRAMES = "first-frame"  # the folder, in the data folder, of the kept first frames
SHOWS = "shows"  # the folder, in the data folder, of the kiosk's copies of its shows
KEPT_PICTURE_OVERLAP_MS = 150  # both windows up: the compositor has the show's frame first


def _take_over_from_kept_frame(window: KioskWindowType, start: StartUp) -> None:
    """The show is on screen: the kept picture comes down, and the show's first frame is kept
    for the next start unless the same one already is."""
    if start.picture is not None:
        QTimer.singleShot(KEPT_PICTURE_OVERLAP_MS, start.picture.release)
    controller = window.controller
    slide = controller.show.slides[controller.index].id
    frame = start.frame
    if frame is not None and slide != start.kept_slide:
        top = window.lockdown.window  # the window itself, or the view of a turned panel
        start.pending = lambda: frame.keep(top.grab().toImage(), slide)
        # Not inside this paint (a grab paints the window again): as soon as it has ended.
        QTimer.singleShot(0, top, start.keep_pending)


@dataclass(frozen=True)
class KioskOptions:
    """How to play: the command line's choices, or a test's."""

    language: str | None = None  # None: the show's default language
    windowed: bool = False  # a window to preview in, not the locked fullscreen kiosk
    size: tuple[int, int] | None = None  # the window's size with `windowed`
    screen: int | None = None  # None: the primary screen
    rotate: int | None = None  # degrees the panel is turned clockwise; None: from kiosk.toml


def start_kiosk(
    folder: Path,
    options: KioskOptions,
    on_picture: Callable[[str], None] | None = None,
) -> int:
    """The kiosk's start, as `kiosk` runs it; returns the command's exit code.

    The display is checked, and the first frame kept from the last start of this show on this
    screen goes up at once; then the show is read and checked, and played. on_picture is told
    "kept" when the kept frame is on screen and "show" when the show's own first frame is.
    """
    from kiosk.platform.system import display_problem

    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return exits.NO_DISPLAY
    create_application()
    start = _put_up_kept_frame(folder, options, on_picture)
    from kiosk.content import load_show
    from kiosk.content.store import ShowStore, describe
    from kiosk.content.validate import unreadable_show
    from kiosk.logs import configure_logging
    from kiosk.platform.data_lock import DataLock
    from kiosk.settings import LocalSettings, data_dir

    configure_logging()
    keys = LocalSettings.load().trust
    if not keys.required:
        logging.getLogger("kiosk").info(
            "shows are not verified: kiosk.toml lists no trusted_keys, so any valid show plays"
        )
    lock = DataLock(data_dir())
    store: ShowStore | None = ShowStore(data_dir() / SHOWS)
    if not lock.acquire():
        message = (
            f"another kiosk (process {lock.holder()}) is playing on the data folder {data_dir()}"
        )
        if not options.windowed:
            if start.picture is not None:
                start.picture.release()
            print(f"{message}; stop it first, or preview with --windowed", file=sys.stderr)
            logging.getLogger("kiosk").error("not starting: %s", message)
            return exits.ALREADY_RUNNING
        # A preview beside the running kiosk: it counts nothing and keeps nothing.
        logging.getLogger("kiosk").warning(
            "%s; this preview counts nothing and keeps no show or staff choice", message
        )
        store = None
    try:
        loaded = (
            store.take(folder, keys) if store is not None else load_show(folder, trusted_keys=keys)
        )
    except Exception as error:  # a bug in reading must not leave the screen dark
        logging.getLogger("kiosk").exception("reading %s failed", folder)
        loaded = unreadable_show(folder, error)
    refused: LoadedShow | None = None
    if not loaded.report.ok:
        report = loaded.report.format_text()
        print(report, file=sys.stderr)
        kept = store.last_good(keys) if store is not None else None
        if kept is None and options.windowed:
            # A preview on an organiser's screen says no and stops; a kiosk never goes dark.
            if start.picture is not None:
                start.picture.release()
            logging.getLogger("kiosk").error(
                "not starting: the show is invalid\n%s", report, extra={"file_only": True}
            )
            return exits.INVALID_CONTENT
        if kept is None:
            from kiosk.paths import STANDBY_CONTENT

            logging.getLogger("kiosk").error(
                "the show in %s cannot play and no good show was kept; standing by\n%s",
                folder,
                report,
            )
            kept = load_show(STANDBY_CONTENT)
            kept.standby = True
        else:
            logging.getLogger("kiosk").error(
                "the show in %s is invalid; playing the last good show instead (%s)\n%s",
                folder,
                describe(kept),
                report,
            )
        refused, loaded = loaded, kept
    try:
        return run_kiosk(loaded, options, on_picture, start, store, refused)
    finally:
        lock.release()


@dataclass
class StartUp:
    """What the start put on screen before the show was read, and where it keeps frames."""

    frame: FirstFrameType | None = None
    picture: StartPictureType | None = None
    kept_slide: str = ""  # the slide the kept picture shows
    pending: Callable[[], None] | None = None  # keeps the show's first frame, once run

    def keep_pending(self) -> None:
        """Keeps the show's first frame now, if that is still to be done."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()

    def finish(self) -> None:
        """The kiosk stops: the first frame is kept, even if that was moments ago."""
        self.keep_pending()
        if self.frame is not None:
            self.frame.finish()


def _put_up_kept_frame(
    folder: Path,
    options: KioskOptions,
    on_picture: Callable[[str], None] | None,
) -> StartUp:
    """Shows the first frame kept from the last start, if there is one for this start."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop

    from kiosk.platform.first_frame import FirstFrame, StartPicture
    from kiosk.platform.lockdown import Lockdown, pick_screen
    from kiosk.settings import LocalSettings, data_dir

    try:
        screen = pick_screen(options.screen)
        local = LocalSettings.load()
        rotate = local.rotate if options.rotate is None else options.rotate
        size = QSize(*options.size) if options.size else None
        trust = local.trust
        frame = FirstFrame.for_start(
            data_dir() / FIRST_FRAMES,
            folder,
            options.language,
            screen,
            size if options.windowed else None,
            rotate,
            data_dir() / "state.json",
            # A frame kept under other trust (an unsigned show, before keys were trusted) is
            # never put up: only what passed the checks in force now reaches the screen.
            "|".join(
                [*sorted(k.id_text for k in trust.keys), *sorted(trust.revoked), trust.refusal]
            ),
        )
        kept = frame.kept()
    except Exception:  # the kept frame only saves time; the start goes on without it
        log.exception("the kept first frame could not be looked up")
        return StartUp()
    if kept is None:
        return StartUp(frame)
    image, slide = kept
    picture = StartPicture(image)
    Lockdown(picture, locked=not options.windowed).place(screen, options.windowed, size)
    clock = QElapsedTimer()
    clock.start()
    while not picture.painted and clock.elapsed() < 500:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if picture.painted and on_picture is not None:
        on_picture("kept")
    return StartUp(frame, picture, slide)


def run_kiosk(
    loaded: LoadedShow,
    options: KioskOptions,
    on_picture: Callable[[str], None] | None = None,
    start: StartUp | None = None,
    store: ShowStore | None = None,
    refused: LoadedShow | None = None,
) -> int:
    """Plays the show until staff quit or the system stops it.

    store keeps the copy playing as the last good show; refused is the folder's show that
    could not play at start, when a kept one plays in its place (staff are told why).

    on_picture("show") is called once the show's first frame is painted (the benchmark times
    start-up with it). `start` is what start_kiosk put up before: the kept picture comes
    down once the show is on screen, and the show's first frame is kept for the next start.
    """
    from kiosk.counts import Counts, counts_path
    from kiosk.logs import configure_logging, log_dir
    from kiosk.platform.gnome_shell import GnomeOverview
    from kiosk.platform.lockdown import pick_screen
    from kiosk.platform.screensaver import ScreenSaverInhibitor
    from kiosk.playback.controller import ShowController
    from kiosk.playback.kept import KioskState
    from kiosk.settings import LocalSettings
    from kiosk.staff.mode import StaffMode
    from kiosk.ui.fonts import font_families
    from kiosk.ui.window import KioskWindow

    configure_logging()
    install_guards(log_dir() / "crash.log")
    if binding_leaks_none():
        log.critical(
            "this PySide6 release has a reference-counting bug that crashes long-running "
            "programs; install PySide6-Essentials<6.12 (pip install -e .)"
        )
        return exits.NO_DISPLAY
    show = loaded.show
    assert show is not None
    app = create_application()
    language = options.language or show.settings.default_language
    if language not in show.settings.languages:
        log.warning(
            "language '%s' is not in this show (%s); using '%s'",
            language,
            ", ".join(show.settings.languages),
            show.settings.default_language,
        )
        language = show.settings.default_language
    content_font = loaded.files / show.settings.font if show.settings.font else None
    families = tuple(font_families(content_font))
    local = LocalSettings.load()
    # Without the store, this is a preview beside a running kiosk: it writes nothing of its own.
    counts = Counts(counts_path() if store is not None else None)
    state = KioskState.load()
    if store is None:
        state.path = None
    controller = ShowController(
        show,
        loaded.folder,
        language,
        state=state,
        counts=counts,
        report_lines=[d.format() for d in (refused or loaded).report.sorted()],
        files=loaded.files,
        store=store,
        loaded=loaded,
    )
    if store is not None:
        store.accept(loaded)
    if refused is not None:
        controller.note_start_refused(standby=loaded.standby)
    controller.trusted_keys = local.trust
    window = KioskWindow(controller, families, content_font is None, locked=not options.windowed)
    rotate = local.rotate if options.rotate is None else options.rotate
    if rotate:
        from kiosk.ui.rotation import RotatedHost

        # The view becomes the top-level window; the window's lockdown keeps it.
        RotatedHost(window, rotate)
        log.info("the panel is turned %d degrees; the show is laid out and drawn turned", rotate)
    StaffMode(window, local)
    controller.watch(loaded)
    start = start or StartUp()
    first: list[bool] = []

    def painted() -> None:
        if first:
            return
        first.append(True)
        if on_picture is not None:
            on_picture("show")
        _take_over_from_kept_frame(window, start)

    window.stage.frame_painted.connect(painted)
    size = QSize(*options.size) if options.size else None
    window.show_on(pick_screen(options.screen), options.windowed, size)
    window.start()
    # Every picture decoded once, off the GUI thread, after the show has started.
    QTimer.singleShot(PICTURE_CHECK_DELAY_MS, controller.check_pictures)
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()
    overview = GnomeOverview(window)
    if not options.windowed:
        overview.keep_closed()
    stop_signals = StopSignals(controller.quit, app)
    log.info("playing %s (%d slides) in '%s'", loaded.folder, len(show.slides), language)
    if not local.staff_pin:
        log.info("no staff PIN set: staff mode opens with Ctrl+Alt+K only (docs/deploy.md)")
    code = app.exec()
    stop_signals.release()
    counts.save()
    start.finish()
    overview.stop()
    inhibitor.release()
    log.info("stopped")
    return code
