"""The kiosk's start and run: the kept first frame, the show read and checked, then played.

Heavy modules are imported where they are first needed, so that the kept first frame is on
screen before the show is even read.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits

if TYPE_CHECKING:
    from kiosk.app import StopSignals
    from kiosk.content import LoadedShow
    from kiosk.content.check_process import PendingRead
    from kiosk.content.model import Show
    from kiosk.content.signing import Trust
    from kiosk.content.store import ShowStore
    from kiosk.platform.data_lock import DataLock
    from kiosk.platform.first_frame import StartUp
    from kiosk.running import RunningShow
    from kiosk.settings import LocalSettings
    from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk")

PICTURE_CHECK_DELAY_MS = 3000
SHOWS = "shows"  # the folder, in the data folder, of the kiosk's copies of its shows


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

    The display is checked, and the show's read and check begin in a process of their own
    before Qt is even imported; meanwhile the first frame kept from the last start of this
    show on this screen goes up, then the window is prepared, and the show plays once checked.
    on_picture is told "kept" when the kept frame is on screen and "show" when the show's own
    first frame is.
    """
    from kiosk.platform.system import display_problem

    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return exits.NO_DISPLAY
    begun = _begin_reading(folder, options)
    if isinstance(begun, int):
        return begun
    try:
        from kiosk.app import StopSignals, create_application, keep_no_module_sources

        keep_no_module_sources()  # before the kiosk's own Qt modules are imported
        app = create_application()
        # From here a stop by the system is caught; it takes effect once the show is up.
        stop_signals = StopSignals(None, app)
        try:
            return _start(folder, options, on_picture, stop_signals, begun)
        finally:
            stop_signals.release()
    finally:
        begun.lock.release()


@dataclass
class _Begun:
    """What the start has before Qt: kiosk.toml, the data folder's lock, and the show's read
    and check once begun."""

    local: LocalSettings
    lock: DataLock
    keeps: bool  # False: a preview beside a running kiosk keeps and counts nothing
    elsewhere: str  # why the data folder is not this kiosk's, for the log
    show: str | None = None  # the show's key, which names the frames kept of it
    trust: str = ""  # what is trusted, as part of that key (`trust_text`)
    reading: PendingRead[LoadedShow] | Exception | None = None

    def begin(self, folder: Path) -> None:
        """The show's read and check, begun in a process of its own."""
        from kiosk.content.check_process import begin_take
        from kiosk.settings import data_dir

        try:
            self.reading = begin_take(
                data_dir() / SHOWS if self.keeps else None, folder, self.local.trust
            )
        except Exception as error:  # no room even for the copy's folder: said later, not fatal
            self.reading = error


def _begin_reading(folder: Path, options: KioskOptions) -> _Begun | int:
    """Reads kiosk.toml and takes the data folder. A show that has no frame kept from an
    earlier start (new, or changed since) has its read and check begun at once: nothing will
    be on screen before it anyway. A second kiosk on the same data folder does not start (an
    exit code); a preview beside it reads without keeping anything."""
    from kiosk.platform.data_lock import DataLock
    from kiosk.platform.kept_key import FIRST_FRAMES, frame_kept_for, show_key, trust_text
    from kiosk.settings import LocalSettings, data_dir

    # kiosk.toml is read once, here; its problems are logged once logging is set up.
    local = LocalSettings.load(quiet=True)
    lock = DataLock(data_dir())
    elsewhere = ""
    if not lock.acquire():
        elsewhere = (
            f"another kiosk (process {lock.holder()}) is playing on the data folder {data_dir()}"
        )
        if not options.windowed:
            from kiosk.logs import configure_logging

            configure_logging()
            print(f"{elsewhere}; stop it first, or preview with --windowed", file=sys.stderr)
            log.error("not starting: %s", elsewhere)
            return exits.ALREADY_RUNNING
    begun = _Begun(local, lock, not elsewhere, elsewhere)
    rotate = local.rotate if options.rotate is None else options.rotate
    try:
        # What is trusted, from kiosk.toml as read: the signature checks are not needed yet.
        begun.trust = trust_text(local.trusted_keys, local.revoked_keys, local.denied)
        state = data_dir() / "state.json"
        begun.show = show_key(folder, options.language, rotate, state, begun.trust)
        shown_before = frame_kept_for(data_dir() / FIRST_FRAMES, begun.show)
    except Exception:  # the kept frame only saves time
        shown_before = False
    if not shown_before:
        begun.begin(folder)
    return begun


def _start(
    folder: Path,
    options: KioskOptions,
    on_picture: Callable[[str], None] | None,
    stop_signals: StopSignals,
    begun: _Begun,
) -> int:
    """start_kiosk, once the application is there and stop signals are caught."""
    from kiosk.platform.first_frame import KeptFrameFor, put_up_kept_frame

    local = begun.local
    rotate = local.rotate if options.rotate is None else options.rotate
    start = put_up_kept_frame(
        folder,
        KeptFrameFor(
            options.language, options.screen, options.windowed, options.size, rotate, begun.show
        ),
        begun.trust,
        on_picture,
    )
    if not begun.keeps:
        start.frame = None  # a preview beside a running kiosk keeps no first frame either
    from kiosk.logs import configure_logging  # after the kept frame: 8 ms of imports

    configure_logging()
    local.log_problems()
    if not local.trust.required:
        log.info(
            "shows are not verified: kiosk.toml lists no trusted_keys, so any valid show plays"
        )
    if begun.elsewhere:
        # A preview beside the running kiosk: it counts nothing and keeps nothing.
        log.warning(
            "%s; this preview counts nothing and keeps no show or staff choice", begun.elsewhere
        )
    if begun.reading is None:
        begun.begin(folder)  # after the kept frame: the show's check does not delay it
    # The show is read and checked in a process of its own; meanwhile the window is prepared.
    _import_the_show()
    from kiosk.app import meet_qt_classes

    meet_qt_classes()
    from kiosk.content.store import ShowStore
    from kiosk.settings import data_dir

    store = ShowStore(data_dir() / SHOWS) if begun.keeps else None
    assert begun.reading is not None
    loaded, refused = _show_to_play(folder, store, local.trust, options.windowed, begun.reading)
    if loaded is None:
        start.give_up()
        return exits.INVALID_CONTENT
    return run_kiosk(loaded, options, on_picture, start, store, refused, local, stop_signals)


def _import_the_show() -> None:
    """The modules that play the show, imported while it is checked."""
    import kiosk.running
    import kiosk.staff.mode
    import kiosk.ui.window  # noqa: F401


def _show_to_play(
    folder: Path,
    store: ShowStore | None,
    trust: Trust,
    windowed: bool,
    reading: PendingRead[LoadedShow] | Exception,
) -> tuple[LoadedShow | None, LoadedShow | None]:
    """The show to play and, when it is not the folder's, the folder's refused show.

    A kiosk never goes dark: a show that cannot play is replaced by the last good one, or by
    the stand-by screen. A preview on an organiser's screen says no instead (None).
    """
    from kiosk.content import check_process
    from kiosk.content.loaded import unreadable_show
    from kiosk.content.store import describe

    try:
        if isinstance(reading, Exception):
            raise reading
        loaded = reading.result()
    except Exception as error:  # a bug in reading must not leave the screen dark
        log.exception("reading %s failed", folder)
        loaded = unreadable_show(folder, error)
    if loaded.report.ok:
        return loaded, None
    from kiosk.i18n.catalogs import environment_language

    report = loaded.report.format_text()  # the log stays English
    print(loaded.report.format_text(environment_language()), file=sys.stderr)
    kept = None
    if store is not None:
        try:
            kept = check_process.last_good(store, trust)
        except Exception as error:
            log.error("the last good show could not be checked: %s", error)
    if kept is None and windowed:
        log.error("not starting: the show is invalid\n%s", report, extra={"file_only": True})
        return None, loaded
    if kept is None:
        from kiosk.paths import STANDBY_CONTENT

        log.error(
            "the show in %s cannot play and no good show was kept; standing by\n%s",
            folder,
            report,
        )
        kept = _standby_show(STANDBY_CONTENT)
    else:
        log.error(
            "the show in %s is invalid; playing the last good show instead (%s)\n%s",
            folder,
            describe(kept),
            report,
        )
    return kept, loaded


def _standby_show(folder: Path) -> LoadedShow:
    """The kiosk's own stand-by screen; read here when not even a checking process can run
    (no memory for one): a kiosk never goes dark."""
    from kiosk.content import check_process

    try:
        standby = check_process.load_show(folder)
    except Exception as error:
        log.error("the stand-by screen could not be checked apart: %s; reading it here", error)
        from kiosk.content.validate import load_show

        standby = load_show(folder)
    standby.standby = True
    return standby


def run_kiosk(
    loaded: LoadedShow,
    options: KioskOptions,
    on_picture: Callable[[str], None] | None = None,
    start: StartUp | None = None,
    store: ShowStore | None = None,
    refused: LoadedShow | None = None,
    local: LocalSettings | None = None,
    stop_signals: StopSignals | None = None,
) -> int:
    """Plays the show until staff quit or the system stops it.

    store keeps the copy playing as the last good show; refused is the folder's show that
    could not play at start, when a kept one plays in its place (staff are told why).

    on_picture("show") is called once the show's first frame is painted (the benchmark times
    start-up with it). `start` is what start_kiosk put up before: the kept picture comes
    down once the show is on screen, and the show's first frame is kept for the next start.
    """
    from PySide6.QtCore import QTimer

    from kiosk.app import StopSignals, binding_leaks_none, create_application, install_guards
    from kiosk.logs import configure_logging, log_dir
    from kiosk.platform.first_frame import StartUp
    from kiosk.platform.gnome_shell import GnomeOverview
    from kiosk.platform.screensaver import ScreenSaverInhibitor
    from kiosk.settings import LocalSettings
    from kiosk.staff.mode import StaffMode

    configure_logging()
    guard = install_guards(log_dir() / "crash.log")
    if binding_leaks_none():
        log.critical(
            "this PySide6 release has a reference-counting bug that crashes long-running "
            "programs; install PySide6-Essentials<6.12 (pip install -e .)"
        )
        return exits.NO_DISPLAY
    app = create_application()
    local = local or LocalSettings.load()
    start = start or StartUp()
    running = _running_show(loaded, options, store, refused, local)
    window = _window(running, loaded, options, local)

    def stop() -> None:
        # The kept picture may still be up (a stop in the first moments): it goes first, as
        # it refuses to close on request like the kiosk's own window.
        start.give_up()
        running.stop()
        if window.stage.sound is not None:
            window.stage.sound.close()  # every clip's sound lets the device go
        window.quit()

    StaffMode(window, local, running.source, running.status, stop)
    if local.status_folder is not None and store is not None:
        _report_to_the_organiser(running, local, window)
    # Standing by, the kiosk watches the folder it was given, not its own stand-by screen's:
    # a show that arrives later (a first sync still under way at boot) plays once it checks.
    running.source.watch(refused if loaded.standby and refused is not None else loaded)
    _show_window(window, options, start, on_picture)
    # Every picture decoded once, off the GUI thread, after the show has started.
    QTimer.singleShot(PICTURE_CHECK_DELAY_MS, running.source.check_pictures)
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()
    overview = GnomeOverview(window)
    if not options.windowed:
        overview.keep_closed()
    own_signals = stop_signals is None
    stop_signals = stop_signals or StopSignals(None, app)
    stop_signals.hand_over(stop)
    assert loaded.show is not None
    log.info(
        "playing %s (%d slides) in '%s'",
        loaded.folder,
        len(loaded.show.slides),
        running.state.language,
    )
    if not local.staff_pin:
        log.info("no staff PIN set: staff mode opens with Ctrl+Alt+K only (docs/deploy.md)")
    # Exceptions that kept coming during the start: no loop is started only to end it.
    code = app.exec() if guard.code is None else guard.code
    if own_signals:
        stop_signals.release()
    running.stop()
    if code != exits.INTERNAL_ERROR:  # after failures, the counts and nothing else
        start.finish()
    overview.stop()
    inhibitor.release()
    log.info("stopped")
    return code


def _language(show: Show, asked: str | None) -> str:
    """The language asked for, if the show has it; else the show's default."""
    language = asked or show.settings.default_language
    if language not in show.settings.languages:
        log.warning(
            "language '%s' is not in this show (%s); using '%s'",
            language,
            ", ".join(show.settings.languages),
            show.settings.default_language,
        )
        language = show.settings.default_language
    return language


def _running_show(
    loaded: LoadedShow,
    options: KioskOptions,
    store: ShowStore | None,
    refused: LoadedShow | None,
    local: LocalSettings,
) -> RunningShow:
    """The show's pieces; without a store (a preview beside a running kiosk) nothing is
    counted or kept on disk."""
    from kiosk.counts import Counts, counts_path
    from kiosk.playback.kept import KioskState
    from kiosk.running import RunningShow

    assert loaded.show is not None
    kept = KioskState.load()
    if store is None:
        kept.path = None
    running = RunningShow.start(
        loaded,
        _language(loaded.show, options.language),
        kept=kept,
        counts=Counts(counts_path() if store is not None else None),
        trust=local.trust,
        store=store,
        findings=(refused or loaded).report.sorted(),
    )
    if store is not None:
        store.accept(loaded)
    if refused is not None:
        running.source.note_start_refused(refused, standby=loaded.standby)
    return running


def _report_to_the_organiser(
    running: RunningShow, local: LocalSettings, window: KioskWindow
) -> None:
    """This kiosk's status, written to kiosk.toml's status_folder for `kiosk fleet`."""
    from kiosk.settings import kiosk_id
    from kiosk.staff.fleet_status import FleetStatus

    assert local.status_folder is not None
    from kiosk.fleet import machine_id

    status = FleetStatus(
        local.status_folder,
        kiosk_id() or machine_id(),
        local.name,
        running.state,
        running.source,
        running.recorder.counts,
        parent=window,
    )
    status.write()


def _window(
    running: RunningShow, loaded: LoadedShow, options: KioskOptions, local: LocalSettings
) -> KioskWindow:
    """The kiosk window in the show's type, turned with the panel if it is."""
    from kiosk.ui.fonts import font_families
    from kiosk.ui.window import KioskWindow

    show = running.state.full_show
    content_font = loaded.files / show.settings.font if show.settings.font else None
    families = tuple(font_families(content_font))
    window = KioskWindow(
        running.player, families, content_font is None, locked=not options.windowed
    )
    window.screen_inches = local.screen_inches
    if local.allow_sound:
        from kiosk.ui.clip_sound import SoundOutput

        # Nothing is loaded yet: PortAudio is looked for when a clip with sound first plays.
        window.stage.sound = SoundOutput(window.stage)
    rotate = local.rotate if options.rotate is None else options.rotate
    if rotate:
        from kiosk.ui.rotation import RotatedHost

        # The view becomes the top-level window; the window's lockdown keeps it.
        RotatedHost(window, rotate)
        log.info("the panel is turned %d degrees; the show is laid out and drawn turned", rotate)
    return window


def _show_window(
    window: KioskWindow,
    options: KioskOptions,
    start: StartUp,
    on_picture: Callable[[str], None] | None,
) -> None:
    """Puts the window up and starts the show; its first frame takes over from the kept one."""
    from kiosk.platform.screens import pick_screen

    first: list[int] = []  # the slide the show started at, once it is painted

    def painted() -> None:
        state = window.state
        # The window itself, or the view of a turned panel, is what the compositor shows.
        top, slide = window.lockdown.window, state.show.slides[state.index].id
        if not first:
            first.append(state.index)
            if on_picture is not None:
                on_picture("show")
            done = start.take_over(top, slide)
        elif state.index != first[0]:
            done = True  # the loop moved on before the window had its size: nothing is kept
        elif window.stage.in_transition:
            return
        else:
            done = start.offer(top, slide)
        if done:
            window.stage.frame_painted.disconnect(painted)

    window.stage.frame_painted.connect(painted)
    from PySide6.QtCore import QSize

    size = QSize(*options.size) if options.size else None
    window.show_on(pick_screen(options.screen), options.windowed, size)
    window.start()
