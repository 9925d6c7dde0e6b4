"""A running show's pieces on their own: loop, visitors, content, counts and staff status,
with no window at all."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, Show, load_show
from kiosk.content.diagnostics import Report
from kiosk.content.model import CallToActionSlide, StorySlide
from kiosk.counts import Counts
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.kept import KioskState
from kiosk.playback.state import SlideMove
from kiosk.playback.visitor_session import Mode
from kiosk.running import RunningShow
from kiosk.source.folder_checks import FolderChecks
from tests.clocks import CHECK_MS, StepClock
from tests.imagefiles import png_bytes
from tests.pieces import running_show


class Screen:
    """Stands in for the stage: records each request and lands it at once, or on `land()`."""

    def __init__(self, controller: RunningShow, instant: bool = True):
        self.controller = controller
        self.instant = instant
        self.moves: list[SlideMove] = []
        self.replaced: list[int] = []
        self.modes: list[str] = []
        controller.state.slide_requested.connect(self._on_move)
        controller.state.show_replaced.connect(self._on_replaced)
        controller.state.mode_changed.connect(self.modes.append)

    def _on_move(self, move: SlideMove) -> None:
        self.moves.append(move)
        if self.instant:
            self.controller.player.slide_landed(move.index)

    def _on_replaced(self, index: int) -> None:
        self.replaced.append(index)
        if self.instant:
            self.controller.player.slide_landed(index)

    def land(self) -> None:
        self.controller.player.slide_landed(self.moves[-1].index)

    @property
    def slide_id(self) -> str:
        return self.controller.state.show.slides[self.controller.state.index].id


@pytest.fixture
def loaded() -> LoadedShow:
    result = load_show(DEFAULT_CONTENT)
    assert result.show is not None
    return result


@pytest.fixture
def show(loaded: LoadedShow) -> Show:
    assert loaded.show is not None
    return loaded.show


@pytest.fixture
def make(qtbot: QtBot, show: Show, tmp_path: Path) -> Iterator[object]:
    made: list[RunningShow] = []
    screens: list[Screen] = []  # kept: Qt holds only weak references to their slots

    def build(**kwargs: object) -> tuple[RunningShow, Screen, StepClock]:
        clock = StepClock(1000.0)
        options: dict[str, object] = {"clock": clock, "state": KioskState(set(), None)}
        options.update(kwargs)
        controller = running_show(
            options.pop("show", show),  # type: ignore[arg-type]
            options.pop("folder", DEFAULT_CONTENT),  # type: ignore[arg-type]
            "de",
            **options,  # type: ignore[arg-type]
        )
        made.append(controller)
        screen = Screen(controller)
        screens.append(screen)
        controller.player.start()
        return controller, screen, clock

    yield build
    for controller in made:
        controller.stop()
        controller.player.deleteLater()


def test_start_shows_the_first_slide_at_once_and_counts_it(make: object) -> None:
    controller, screen, _ = make()  # type: ignore[operator]
    assert screen.moves == [SlideMove(0, 1, 0.0, animate=False)]
    assert controller.state.mode is Mode.ATTRACT
    assert controller.recorder.counts.day_totals()["slides_shown"] == 1


def test_the_loop_moves_on_when_the_slide_time_is_up(make: object, show: Show) -> None:
    controller, screen, clock = make()  # type: ignore[operator]
    clock.now += show.duration_of(show.slides[0]) - 0.5
    controller.player.advance_if_due()
    assert controller.state.index == 0 and len(screen.moves) == 1  # not yet
    clock.now += 0.5
    controller.player.advance_if_due()
    assert screen.moves[-1] == SlideMove(1)
    assert controller.state.index == 1


def test_no_step_while_a_transition_is_under_way(make: object, show: Show) -> None:
    controller, screen, clock = make()  # type: ignore[operator]
    screen.instant = False
    clock.now += show.duration_of(show.slides[0])
    controller.player.advance_if_due()
    clock.now += 3600
    controller.player.advance_if_due()  # the slide has not arrived yet: nothing more happens
    assert [m.index for m in screen.moves] == [0, 1]
    screen.land()
    clock.now += show.duration_of(show.slides[1])
    controller.player.advance_if_due()
    assert [m.index for m in screen.moves] == [0, 1, 2]


def test_staff_pause_holds_the_slide(make: object) -> None:
    controller, _screen, clock = make()  # type: ignore[operator]
    controller.player.set_held(True)
    clock.now += 3600
    controller.player.advance_if_due()
    assert controller.state.index == 0
    assert any(line.startswith("Content:") for line in controller.status.lines())
    controller.player.set_held(False)
    controller.player.advance_if_due()
    assert controller.state.index == 1


def test_a_slide_paused_after_a_visit_is_shown_as_to_passers_by(make: object) -> None:
    """Staff pause on the slide a visitor left in English with larger text: the held slide
    is then shown in the show's own language and type, as the loop shows it."""
    controller, _screen, _clock = make()  # type: ignore[operator]
    player, state = controller.player, controller.state
    player.visitor_input()
    player.set_language("en")
    player.set_large_text(True)
    player.staff_present()
    player.set_held(True)  # "Pause here"
    player.end_visit()
    assert state.held and state.mode is Mode.ATTRACT
    assert state.language == "de" and not state.large_text


def test_the_first_touch_wakes_and_is_used_up(make: object) -> None:
    controller, screen, clock = make()  # type: ignore[operator]
    assert controller.player.visitor_input() is True  # woke: the press must not act as well
    assert controller.state.mode is Mode.INTERACTIVE and screen.modes == ["interactive"]
    assert controller.player.loop.paused
    assert controller.player.visitor_input() is False  # the next touch acts
    assert controller.recorder.counts.day_totals()["sessions"] == 1
    clock.now += 3600
    controller.player.advance_if_due()
    assert controller.state.index == 0  # no autoplay while a visitor is here


def test_a_visitor_who_only_woke_the_kiosk_is_counted_when_the_session_ends(
    make: object,
) -> None:
    controller, _screen, _clock = make()  # type: ignore[operator]
    controller.player.visitor_input()
    controller.player.reset_to_start()
    assert controller.recorder.counts.day_totals()["sessions"] == 1


def test_staff_are_no_visitor_session(make: object) -> None:
    controller, _screen, _clock = make()  # type: ignore[operator]
    player = controller.player
    player.visitor_input()  # the press that holds the staff corner wakes the kiosk
    player.staff_present()  # the PIN pad opens
    for _ in range(5):
        player.visitor_input()  # the PIN typed, the menu used
    player.end_visit()  # staff close their menu
    player.staff_present()  # Ctrl+Alt+K, from the attract loop
    player.visitor_input()
    player.reset_to_start()
    assert controller.recorder.counts.day_totals().get("sessions", 0) == 0


def test_idle_visitor_gets_a_countdown_then_the_start(qtbot: QtBot, show: Show) -> None:
    controller = running_show(show, DEFAULT_CONTENT, "de", state=KioskState(set(), None))
    screen = Screen(controller)
    controller.player.start()
    controller.player.session.idle_timeout_s = 0.1
    controller.player.session.countdown_s = 0.3
    controller.player.visitor_input()
    controller.player.go(1)
    controller.player.set_language("en")
    controller.player.set_large_text(True)
    seconds: list[int] = []
    controller.state.countdown_changed.connect(seconds.append)
    with qtbot.waitSignal(controller.state.mode_changed, timeout=3000) as countdown:
        pass
    assert countdown.args == ["countdown"]
    with qtbot.waitSignal(controller.state.mode_changed, timeout=3000) as attract:
        pass
    assert attract.args == ["attract"]
    assert seconds and seconds[0] == 1  # 0.3 s left shows as "1"
    assert controller.state.index == 0 and screen.moves[-1].index == 0
    assert controller.state.language == "de" and not controller.state.large_text
    assert not controller.player.loop.paused
    controller.stop()


def test_navigation_and_stories(make: object, show: Show) -> None:
    controller, screen, _ = make()  # type: ignore[operator]
    returns: list[bool] = []
    controller.state.story_return_changed.connect(returns.append)
    controller.player.visitor_input()
    controller.player.go(-1)
    assert screen.moves[-1] == SlideMove(len(show.slides) - 1, -1)
    controller.player.go(1, dragged=-0.25)
    assert screen.moves[-1] == SlideMove(0, 1, -0.25)
    story = next(i for i, s in enumerate(show.slides) if isinstance(s, StorySlide))
    controller.player.open_story(story)
    assert controller.state.index == story and returns == [True]
    assert controller.recorder.counts.day_totals()["stories_opened"] == 1
    controller.player.go(1)
    assert returns == [True, False]  # moved on: "All stories" goes away


def test_languages_and_link_counts(make: object) -> None:
    controller, _, _ = make()  # type: ignore[operator]
    changed: list[str] = []
    controller.state.language_changed.connect(changed.append)
    controller.player.set_language("xx")  # not in the show
    controller.player.set_language("de")  # already so
    controller.player.set_language("ru")
    assert changed == ["ru"] and controller.state.language == "ru"
    controller.player.link_shown()
    totals = controller.recorder.counts.day_totals()
    assert totals["language_chosen"] == 1 and totals["qr_shown"] == 1


def test_qr_slides_are_counted_when_they_land(make: object, show: Show) -> None:
    controller, _, _ = make()  # type: ignore[operator]
    cta = next(i for i, s in enumerate(show.slides) if isinstance(s, CallToActionSlide))
    controller.player.jump_to(cta)
    assert controller.recorder.counts.day_totals()["qr_shown"] == 1


def test_a_new_show_takes_over_at_the_next_slide_boundary(
    make: object, tmp_path: Path, show: Show
) -> None:
    controller, screen, clock = make()  # type: ignore[operator]
    folder = tmp_path / "evening"
    folder.mkdir()
    (folder / "show.yaml").write_text(
        "settings: {languages: [en], default_language: en, "
        "manifesto: 'https://releasenow.org/manifesto/'}\n"
        "slides:\n  - {id: evening, kind: title, headline: Evening programme}\n",
        encoding="utf-8",
    )
    controller.player.offer_show(load_show(folder))
    assert controller.state.show is not None and len(controller.state.show.slides) == len(
        show.slides
    )
    clock.now += 3600
    controller.player.advance_if_due()
    assert screen.replaced == [0]
    assert [s.id for s in controller.state.show.slides] == ["evening"]
    assert controller.state.folder == folder and controller.state.language == "en"


def _evening_show(tmp_path: Path, slides: int) -> LoadedShow:
    folder = tmp_path / "evening"
    folder.mkdir()
    lines = [
        "settings: {languages: [en], default_language: en, "
        "manifesto: 'https://releasenow.org/manifesto/'}",
        "slides:",
        *(
            f"  - {{id: evening-{n}, kind: title, headline: Evening part {n}}}"
            for n in range(slides)
        ),
    ]
    (folder / "show.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_show(folder)


def test_a_new_show_starts_from_its_first_slide_not_the_old_shows_place(
    make: object, tmp_path: Path
) -> None:
    controller, screen, clock = make()  # type: ignore[operator]
    for _ in range(3):
        clock.now += 3600
        controller.player.advance_if_due()
    assert controller.state.index == 3
    controller.player.offer_show(_evening_show(tmp_path, 6))
    clock.now += 3600
    controller.player.advance_if_due()
    assert screen.slide_id == "evening-0"


def test_a_show_takes_the_stand_by_screen_s_place_at_once(
    make: object, tmp_path: Path, show: Show
) -> None:
    """Nobody reads the stand-by screen: a show that arrives replaces it now, not after the
    stand-by slide's minute."""
    standby = LoadedShow(DEFAULT_CONTENT, show, Report(str(DEFAULT_CONTENT)), standby=True)
    controller, screen, _clock = make(show=standby)  # type: ignore[operator]
    assert controller.state.playing.standby
    controller.player.offer_show(_evening_show(tmp_path, 6))
    assert screen.slide_id == "evening-0"
    assert not controller.state.playing.standby


def test_a_hold_on_the_stand_by_screen_lets_the_arriving_show_play(
    make: object, tmp_path: Path, show: Show
) -> None:
    """Staff held the stand-by screen: the hold was on it, and a show that arrives plays its
    loop instead of standing still on its first slide."""
    standby = LoadedShow(DEFAULT_CONTENT, show, Report(str(DEFAULT_CONTENT)), standby=True)
    controller, screen, clock = make(show=standby)  # type: ignore[operator]
    controller.player.set_held(True)
    controller.player.offer_show(_evening_show(tmp_path, 6))
    assert screen.slide_id == "evening-0" and not controller.state.held
    clock.now += controller.state.show.duration_of(controller.state.show.slides[0])
    controller.player.advance_if_due()
    assert screen.slide_id == "evening-1"


def test_a_new_show_waits_until_the_visitor_leaves(make: object, tmp_path: Path) -> None:
    controller, screen, _clock = make()  # type: ignore[operator]
    player = controller.player
    player.visitor_input()  # wakes
    player.go(1)
    opened = screen.slide_id
    player.offer_show(_evening_show(tmp_path, 6))
    player.go(1)
    player.go(-1)
    assert screen.slide_id == opened, "the slides changed under a visitor's finger"
    assert not controller.state.show.slides[0].id.startswith("evening")
    player.reset_to_start()  # the visitor has gone: the countdown ran out
    assert screen.slide_id == "evening-0"


def test_hidden_stories_leave_the_loop_and_are_remembered(
    make: object, tmp_path: Path, show: Show
) -> None:
    state_path = tmp_path / "state.json"
    controller, _screen, _ = make(state=KioskState.load(state_path))  # type: ignore[operator]
    story = next(s for s in show.slides if isinstance(s, StorySlide))
    controller.player.set_story_hidden(story.id, True)
    assert story.id not in [s.id for s in controller.state.show.slides]
    assert controller.player.loop.count == len(show.slides) - 1
    assert json.loads(state_path.read_text())["hidden_stories"] == [story.id]
    assert story.id in [s.id for s in controller.state.full_show.slides]  # staff can bring it back
    controller.player.set_story_hidden(story.id, False)
    assert len(controller.state.show.slides) == len(show.slides)


def test_the_schedule_is_followed_at_slide_boundaries(make: object, show: Show) -> None:
    until = datetime.date(2026, 5, 21)
    slides = [
        show.slides[0],
        replace(show.slides[1], show_until=until),
        *show.slides[2:],
    ]
    scheduled = replace(show, slides=slides)
    wall = [datetime.datetime(2026, 5, 21, 12)]
    controller, screen, clock = make(  # type: ignore[operator]
        show=scheduled, wall_clock=lambda: wall[0]
    )
    assert len(controller.state.show.slides) == len(slides)
    wall[0] = datetime.datetime(2026, 5, 22, 9)  # the next morning: slide 2 is over
    clock.now += 3600
    controller.player.advance_if_due()
    assert slides[1].id not in [s.id for s in controller.state.show.slides]
    assert screen.slide_id == slides[2].id  # on to the slide after the one that ended


def test_staff_access_switches(make: object) -> None:
    controller, _, _ = make()  # type: ignore[operator]
    changes: list[bool] = []
    controller.state.access_changed.connect(lambda: changes.append(True))
    assert not controller.state.reduced_motion and not controller.state.high_contrast
    controller.player.set_staff_access(high_contrast=True)
    assert controller.state.high_contrast and not controller.state.reduced_motion
    controller.player.set_staff_access(reduced_motion=True, high_contrast=False)
    assert controller.state.reduced_motion and not controller.state.high_contrast
    assert len(changes) == 2


def test_reload_takes_a_valid_folder_and_refuses_a_broken_one(
    make: object, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    loaded = load_show(folder)
    controller, screen, _ = make(show=loaded.show, folder=folder)  # type: ignore[operator]
    show_file = folder / "show.yaml"
    text = show_file.read_text(encoding="utf-8")
    show_file.write_text(text.replace("Wer sitzt in Haft?", "Wer ist in Haft?"), "utf-8")
    with qtbot.waitSignal(controller.source.reloaded, timeout=CHECK_MS) as taken:
        controller.source.reload()
    assert taken.args == [True] and screen.replaced
    texts = [t.get("de", "de") for s in controller.state.show.slides for t in s.texts()]
    assert "Wer ist in Haft?" in texts
    show_file.write_text("slides: [\n", encoding="utf-8")
    with qtbot.waitSignal(controller.source.reloaded, timeout=CHECK_MS) as refused:
        controller.source.reload()
    assert refused.args == [False]
    assert controller.source.note().startswith("reload refused")
    assert any("reload refused" in line for line in controller.status.lines())
    assert len(controller.state.show.slides) > 1  # the last good show plays on


def test_staff_s_reload_while_standing_by_reads_the_folder_the_kiosk_was_given(
    make: object, qtbot: QtBot, tmp_path: Path, show: Show, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standing by, "Reload" reads the organisers' folder, not the stand-by screen's own."""
    monkeypatch.setattr("kiosk.source.watcher.POLL_MS", 600_000)  # staff are quicker here
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text("slides: [\n", encoding="utf-8")
    standby = LoadedShow(DEFAULT_CONTENT, show, Report(str(DEFAULT_CONTENT)), standby=True)
    controller, _screen, _ = make(show=standby)  # type: ignore[operator]
    controller.source.watch(load_show(folder))
    shutil.rmtree(folder)
    shutil.copytree(DEFAULT_CONTENT, folder)
    show_file = folder / "show.yaml"
    text = show_file.read_text(encoding="utf-8")
    show_file.write_text(text.replace("Wer sitzt in Haft?", "Wer ist in Haft?"), "utf-8")
    with qtbot.waitSignal(controller.source.reloaded, timeout=CHECK_MS) as taken:
        controller.source.reload()
    assert taken.args == [True]
    assert controller.state.folder == folder and not controller.state.playing.standby
    texts = [t.get("de", "de") for s in controller.state.show.slides for t in s.texts()]
    assert "Wer ist in Haft?" in texts


def test_stopping_saves_the_counts(make: object, tmp_path: Path) -> None:
    counts = Counts(tmp_path / "counts.json")
    controller, _, _ = make(counts=counts)  # type: ignore[operator]
    assert not (tmp_path / "counts.json").exists()  # counted, not yet folded into the day
    controller.stop()
    saved = json.loads((tmp_path / "counts.json").read_text())
    assert any("slides_shown" in events for events in saved.values())


def test_counts_reach_the_disk_once_the_write_is_due_and_not_before(
    make: object, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.counts.WRITE_EVERY_S", 0.5)  # a minute, shortened for the test
    path = tmp_path / "counts.json"
    journal = path.with_suffix(".journal")  # where minute-by-minute counts go
    controller, _, _ = make(counts=Counts(path))  # type: ignore[operator]

    def on_disk() -> int:  # what a fresh start would read
        return sum(r["count"] for r in Counts(path).rows() if r["event"] == "stories_opened")

    qtbot.waitUntil(journal.exists, timeout=2000)  # the first count is written at once
    written = journal.stat().st_mtime_ns
    controller.player.open_story(1)
    controller.player.open_story(2)
    assert journal.stat().st_mtime_ns == written and on_disk() == 0  # not yet due
    qtbot.waitUntil(lambda: on_disk() == 2, timeout=2000)  # due: written without more input
    assert not controller.recorder.write_scheduled  # nothing new counted: nothing to write


BROKEN_PICTURE_SHOW = """\
settings:
  languages: [en]
  default_language: en
  manifesto: https://releasenow.org/manifesto/
slides:
  - {id: opening, kind: title, headline: Release N:OW}
  - id: teacher
    kind: story
    archetype: true
    name: A teacher
    line: A story that stands for many
    body: Imprisoned for a peaceful protest.
    image: images/teacher.png
"""


def _folder_with_a_picture_that_does_not_decode(folder: Path) -> Path:
    (folder / "images").mkdir(parents=True)
    (folder / "show.yaml").write_text(BROKEN_PICTURE_SHOW, encoding="utf-8")
    (folder / "images" / "teacher.png").write_bytes(png_bytes(64, 64, idat_crc_off=True))
    return folder


def test_a_picture_that_does_not_decode_reaches_staff_status_after_start(
    make: object, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _folder_with_a_picture_that_does_not_decode(tmp_path / "show")
    loaded = load_show(folder)  # as the kiosk starts: headers only, so it plays
    assert loaded.show is not None and loaded.report.ok
    controller, _, _ = make(show=loaded.show, folder=folder)  # type: ignore[operator]
    with qtbot.waitSignal(controller.source.status_changed, timeout=CHECK_MS):
        controller.source.check_pictures()
    status = "\n".join(controller.status.lines())
    assert "1 picture cannot be decoded and shows as empty space" in status
    assert "PNG image 'images/teacher.png' cannot be decoded" in status
    assert controller.state.full_show is loaded.show  # the show plays on


def test_a_picture_check_of_a_folder_left_behind_changes_nothing(
    make: object, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = _folder_with_a_picture_that_does_not_decode(tmp_path / "show")
    loaded = load_show(folder)
    assert loaded.show is not None
    controller, _, _ = make(show=loaded.show, folder=folder)  # type: ignore[operator]
    with qtbot.waitSignal(controller.source.tasks.delivered, timeout=CHECK_MS) as checked:
        controller.source.check_pictures()
        controller.source.switch_to(load_show(DEFAULT_CONTENT))  # before the check ends
    assert checked.args == ["picture-check"]  # the check's result arrived, and was dropped
    assert controller.source.note() == ""
    assert not any("teacher.png" in line for line in controller.status.lines())


def test_a_reload_that_fails_says_so_instead_of_checking_forever(
    make: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, _, _ = make()  # type: ignore[operator]

    def broken(*_args: object, **_kwargs: object) -> LoadedShow:
        raise RuntimeError("the stick stopped answering")

    monkeypatch.setattr("kiosk.source.content_source.load_show", broken)
    with qtbot.waitSignal(controller.source.reloaded, timeout=CHECK_MS) as done:
        controller.source.reload()
    assert done.args == [False]
    assert controller.source.note() == (
        "reload failed (the stick stopped answering); the last good show plays on"
    )


def test_folder_checks_drop_the_results_of_an_older_round(qtbot: QtBot, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "stick" / "show"
    shutil.copytree(DEFAULT_CONTENT, stick)
    checks = FolderChecks()
    found: list[list[Path]] = []
    checked: list[Path] = []
    ended: list[str] = []
    checks.found.connect(found.append)
    checks.checked.connect(lambda path, _loaded: checked.append(path))
    checks.tasks.delivered.connect(ended.append)
    checks.start((tmp_path / "media",), DEFAULT_CONTENT)
    checks.start((tmp_path / "media",), DEFAULT_CONTENT)  # staff opened the list again
    # Both searches have ended, and the checks of the folders the second one found.
    qtbot.waitUntil(
        lambda: sorted(ended) == ["folder-check"] * 2 + ["folder-search"] * 2, timeout=CHECK_MS
    )
    assert found == [[DEFAULT_CONTENT, stick]]  # once: the first round's answer was dropped
    assert checked == [DEFAULT_CONTENT, stick]
    assert checks.results[stick].report.ok


def test_the_show_pieces_need_no_widgets_or_painting() -> None:
    code = (
        "import sys\n"
        "import kiosk.running, kiosk.source.folder_checks\n"
        "print([m for m in ('PySide6.QtWidgets', 'PySide6.QtGui') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_hidden_story_that_could_not_be_saved_is_shown_to_staff_as_not_kept(
    tmp_path: Path,
) -> None:
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    blocked = tmp_path / "state.json"
    blocked.mkdir()  # the file cannot be written: a full or read-only card acts the same
    controller = running_show(loaded.show, DEFAULT_CONTENT, "en", state=KioskState(set(), blocked))
    controller.player.set_story_hidden("story-teacher", True)
    assert "story-teacher" in controller.state.hidden_stories  # it holds while the kiosk runs
    assert any(
        "the change could not be saved: it holds until the kiosk stops, not after a restart" in line
        for line in controller.status.lines("en")
    )


def test_every_switch_is_logged_with_its_version_whatever_the_repeat_limit(
    make: object, tmp_path: Path
) -> None:
    """Two versions of one folder within a minute: both switches are in the log, each naming
    its version (the repeat limit once held the second back, the lines being the same)."""
    import io
    import logging

    from kiosk.logs import RepeatLimit

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RepeatLimit(StepClock(0.0)))
    logger = logging.getLogger("kiosk.playback.player")
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        controller, _screen, _clock = make()  # type: ignore[operator]
        first = _evening_show(tmp_path, 2)
        controller.player.switch_to(first)
        (first.folder / "show.yaml").write_text(
            (first.folder / "show.yaml").read_text().replace("part 1", "part one")
        )
        second = load_show(first.folder)
        controller.player.switch_to(second)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("now playing")]
    assert len(lines) == 2, out.getvalue()
    assert first.fingerprint[:12] in lines[0] and second.fingerprint[:12] in lines[1]
