"""A running show's pieces for tests, from a show or a loaded folder, with test clocks."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from kiosk.clock import Clock, WallClock
from kiosk.content import LoadedShow, Show
from kiosk.content.diagnostics import Diagnostic, Report
from kiosk.content.signing import Keys
from kiosk.content.store import ShowStore
from kiosk.counts import Counts
from kiosk.playback.kept import KioskState
from kiosk.playback.state import Playing, ShowState
from kiosk.running import RunningShow
from kiosk.settings import LocalSettings
from kiosk.staff.mode import StaffMode
from kiosk.ui.stage import SlideStage
from kiosk.ui.window import KioskWindow


def running_show(
    show: Show | LoadedShow,
    folder: Path | None = None,
    language: str = "de",
    *,
    clock: Clock = time.monotonic,
    wall_clock: WallClock = datetime.datetime.now,
    state: KioskState | None = None,
    counts: Counts | None = None,
    files: Path | None = None,
    store: ShowStore | None = None,
    loaded: LoadedShow | None = None,
    findings: list[Diagnostic] | None = None,
    trust: Keys = (),
) -> RunningShow:
    """The pieces as the kiosk makes them; staff choices are kept in memory unless `state`."""
    if isinstance(show, LoadedShow):
        loaded = show
    elif loaded is None:
        assert folder is not None
        loaded = LoadedShow(folder, show, Report(str(folder)), snapshot=files)
    return RunningShow.start(
        loaded,
        language,
        kept=state or KioskState(set(), None),
        counts=counts,
        trust=trust,
        store=store,
        findings=findings,
        clock=clock,
        wall_clock=wall_clock,
    )


def staff_mode(
    window: KioskWindow,
    running: RunningShow,
    settings: LocalSettings,
    quits: list[bool] | None = None,
) -> StaffMode:
    """Staff mode on a window, acting on its running show; a quit stops the show, as in the
    kiosk, and is noted in `quits`."""

    def quit_kiosk() -> None:
        running.stop()
        if quits is not None:
            quits.append(True)

    return StaffMode(window, settings, running.source, running.status, quit_kiosk)


def bare_stage(show: Show, folder: Path, language: str, families: tuple[str, ...]) -> SlideStage:
    """A stage with no window around it, as the offline renderer makes one: it draws from its
    own show state, which learns when a slide has landed."""
    state = ShowState(Playing(show, folder, folder), show, language)
    stage = SlideStage(state, families)
    state.setParent(stage)
    stage.slide_shown.connect(state.land)
    return stage
