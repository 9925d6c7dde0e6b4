"""Playing the show: slides advance by duration, transitions never show an empty frame."""

from __future__ import annotations

import datetime
import gc
import itertools
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, Show, load_show
from kiosk.content.contrast import contrast_ratio
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.ui.stage import SlideStage
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import bare_stage, running_show
from tests.widgets import share_differing


def _stage_on_a_step_clock(
    qtbot: QtBot, show: Show, folder: Path, families: tuple[str, ...], size: tuple[int, int]
) -> tuple[SlideStage, StepClock]:
    """A stage shown at `size` in German, on a clock that moves only when the test moves it."""
    clock = StepClock(1000.0)
    stage = bare_stage(show, folder, "de", families)
    qtbot.addWidget(stage)
    stage.clock = clock
    stage.resize(*size)
    stage.show()
    return stage, clock


def _distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize("transition", ["crossfade", "slide"])
def test_no_empty_frame_through_a_transition_and_the_wrap(
    transition: Literal["crossfade", "slide"],
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
) -> None:
    show = default_loaded.show
    assert show is not None
    settings = replace(show.settings, transition=transition)
    show = replace(show, settings=settings)
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, (960, 540))
    last = len(show.slides) - 1
    stage.state.move(SlideMove(last, animate=False))
    before = render_frame(stage)
    stage.state.move(SlideMove(0))  # the loop wraps from the last slide to the first
    assert stage.in_transition
    frames = []
    for _ in range(20):
        clock.now += 0.05
        frames.append(render_frame(stage))
    background = QColor(show.settings.theme.background).rgb()
    for frame in frames:
        assert _distinct_colours(frame) > 3, "a blank frame"
        assert frame.pixel(2, 2) == background
    middle = frames[7]
    assert middle != before and middle != frames[-1], "no visible transition"
    with qtbot.waitSignal(stage.slide_shown, timeout=3000) as landed:
        pass  # on the stage's own timer, once the transition's time is up
    assert landed.args == [0] and not stage.in_transition


def _strength(frame: QImage, points: list[tuple[int, int]], background: str) -> float:
    """How strongly what stands at these points shows against the background: the median
    contrast there (a few pixels at a text's edge count little)."""
    ratios = sorted(contrast_ratio(frame.pixelColor(x, y).name(), background) for x, y in points)
    return ratios[len(ratios) // 2]


def _only_in(one: QImage, other: QImage, background: str, height: int) -> list[tuple[int, int]]:
    """Points above the band where `one` shows something clearly (words, at 3:1 or more) and
    `other` shows bare background."""
    return [
        (x, y)
        for y in range(0, height, 3)
        for x in range(0, one.width(), 3)
        if contrast_ratio(one.pixelColor(x, y).name(), background) >= 3.0
        and contrast_ratio(other.pixelColor(x, y).name(), background) < 1.05
    ]


@pytest.mark.parametrize("size", [(960, 540), (540, 960)])
def test_a_crossfade_never_shows_two_texts_over_each_other(
    size: tuple[int, int],
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
) -> None:
    """Two slides' words at half strength each read as a jumble: the words leaving fade down
    before the words entering rise. At no moment do both stand out (2:1 against the background
    or more); at every moment one of them shows (1.5:1 or more: never an empty frame); and the
    crossfade still takes 0.8 s."""
    show = default_loaded.show
    assert show is not None
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, size)
    background = show.settings.theme.background
    band_top = size[1] - math.ceil(stage.view(0).style.band_height)
    stage.state.move(SlideMove(1, animate=False))
    clock.now += 10.0
    entered = render_frame(stage)
    stage.state.move(SlideMove(0, animate=False))
    left = render_frame(stage)
    leaving_words = _only_in(left, entered, background, band_top)
    entering_words = _only_in(entered, left, background, band_top)
    assert len(leaving_words) > 100 and len(entering_words) > 100
    stage.state.move(SlideMove(1))
    start = clock.now
    strengths = []
    for step in range(41):  # every 20 ms
        clock.now = start + step * 0.02
        frame = render_frame(stage)
        strengths.append(
            (
                _strength(frame, leaving_words, background),
                _strength(frame, entering_words, background),
            )
        )
        if step == 39:
            stage.land_if_due()
            assert stage.in_transition, "ended before 0.8 s"
    for moment, (leaving, entering) in enumerate(strengths):
        assert min(leaving, entering) < 2.0, (moment * 0.02, strengths)
        assert max(leaving, entering) >= 1.5, (moment * 0.02, strengths)
    assert strengths[0][0] > 4.5 and strengths[-1][1] > 4.5  # each fully there at its end
    stage.land_if_due()
    assert not stage.in_transition


def test_loop_advances_by_duration_and_wraps(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    (tmp_path / "show.yaml").write_text(
        """\
settings:
  languages: [en]
  default_language: en
  slide_duration: 0.15
  manifesto: https://releasenow.org/manifesto/
slides:
  - {id: one, kind: title, headline: One}
  - {id: two, kind: title, headline: Two, duration: 0.3}
  - {id: three, kind: title, headline: Three}
""",
        encoding="utf-8",
    )
    loaded = load_show(tmp_path)
    assert loaded.show is not None
    window = KioskWindow(running_show(loaded.show, tmp_path, "en").player, families)
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    shown: list[tuple[int, float]] = []
    window.stage.slide_shown.connect(lambda i: shown.append((i, window.stage.clock())))
    window.start()
    qtbot.waitUntil(lambda: len(shown) >= 5, timeout=8000)
    assert [i for i, _ in shown[:5]] == [0, 1, 2, 0, 1]
    # Slide two stays twice as long as the others (its own duration); transitions add 0.8 s.
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(shown)]
    assert gaps[0] == pytest.approx(0.15 + 0.8, abs=0.25)
    assert gaps[1] == pytest.approx(0.3 + 0.8, abs=0.25)
    assert gaps[1] > gaps[0] + 0.08


def test_transition_frames_only_blit_prepared_stills(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No text is laid out while a transition runs: frames come from per-size caches."""
    from kiosk.ui import text

    show = default_loaded.show
    assert show is not None
    stage, clock = _stage_on_a_step_clock(
        qtbot, show, default_loaded.folder, families, (1920, 1080)
    )
    stage.state.move(SlideMove(4, animate=False))
    render_frame(stage)  # slide 4 is on screen
    stage.prepare(5)  # what the window does in the quiet time after a slide lands
    layouts = []
    original = text.TextBlock.__init__

    def counting(self: text.TextBlock, *args: object, **kwargs: object) -> None:
        layouts.append(args[0])
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text.TextBlock, "__init__", counting)
    stage.state.move(SlideMove(5))
    for _ in range(30):
        clock.now += 0.05
        render_frame(stage)
    assert layouts == []
    qtbot.waitUntil(lambda: not stage.in_transition, timeout=3000)  # landed: time is up
    assert stage.state.index == 5


def test_a_slide_lands_when_its_transition_ends_even_if_nothing_is_painted(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """A compositor that stops asking for frames must not stop the loop (or the counts)."""
    show = default_loaded.show
    assert show is not None
    stage = bare_stage(show, default_loaded.folder, "de", families)
    qtbot.addWidget(stage)
    stage.resize(960, 540)
    stage.show()
    qtbot.waitExposed(stage)
    stage.state.move(SlideMove(0, animate=False))  # the show begins
    painted: list[bool] = []
    stage.frame_painted.connect(lambda: painted.append(True))
    stage.state.move(SlideMove(1))
    assert stage.in_transition
    stage.setUpdatesEnabled(False)  # from here on, not one frame is painted
    painted.clear()
    with qtbot.waitSignal(stage.slide_shown, timeout=3000) as landed:
        pass
    assert landed.args == [1] and not painted


def _loop_of_four(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...], seconds: float
) -> KioskWindow:
    """A kiosk window playing four title slides, each `seconds` long, in its attract loop."""
    (tmp_path / "show.yaml").write_text(
        f"settings:\n  languages: [en]\n  default_language: en\n  slide_duration: {seconds}\n"
        "  manifesto: {en: 'https://releasenow.org/manifesto/'}\nslides:\n"
        + "".join(
            f"  - {{id: s{n}, kind: title, headline: {{en: Slide {n}}}}}\n" for n in range(4)
        ),
        encoding="utf-8",
    )
    loaded = load_show(tmp_path)
    assert loaded.show is not None
    running = running_show(loaded, tmp_path, "en")
    window = KioskWindow(running.player, families)
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    window.start()
    return window


def test_the_loop_holds_no_drawn_slide_while_one_stands_and_draws_both_before_a_turn(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    """Each drawn slide is a screen-sized picture. In the loop a slide that stands on screen
    is held by the window's buffer alone; shortly before the next one is due, both are drawn
    (the one leaving and the one coming), and nothing else is held. A visitor, who may swipe
    either way, has the slide and both neighbours drawn."""
    window = _loop_of_four(qtbot, tmp_path, families, 3.5)
    stage = window.stage

    def drawn() -> set[str]:
        return {view.slide.id for view in stage.drawn_views() if view.images()}

    qtbot.waitUntil(lambda: window.state.landed and window.state.index == 0, timeout=3000)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.waitUntil(lambda: drawn() == set(), timeout=1500)  # 2.5 s to go: nothing held
    assert window.state.index == 0
    painted = _PaintedAreas(stage)
    qtbot.waitUntil(lambda: drawn() == {"s0", "s1"}, timeout=3000)
    assert window.state.index == 0  # drawn ahead, before the loop moves on
    assert painted.areas == []  # the screen kept the slide meanwhile, from the window's buffer
    qtbot.waitUntil(lambda: window.state.index == 1 and window.state.landed, timeout=5000)
    shown = render_frame(stage)
    qtbot.waitUntil(lambda: drawn() == set(), timeout=1500)
    # Nothing else holds a slide's drawn still (8 MB at 1080p).
    gc.collect()
    size = stage.size()
    stills = [
        o for o in gc.get_objects() if isinstance(o, QImage) and o.size() == size and not o.isNull()
    ]
    assert stills == [shown]
    # A visitor's touch: the slide is drawn again, as it was, and its neighbours for a swipe.
    window.player.visitor_input()
    qtbot.waitUntil(lambda: drawn() == {"s0", "s1", "s2"}, timeout=3000)
    assert window.state.index == 1
    slide_area = QRect(0, 0, size.width(), size.height() - 80)  # above the band it had
    assert share_differing(render_frame(stage), shown, slide_area, step=4) == 0


def test_a_slide_whose_bars_have_grown_holds_one_picture_not_two(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """While the bars grow, the stage paints them over the slide's still; once they stand,
    only the settled picture is painted and the still is let go."""
    show = default_loaded.show
    assert show is not None
    stats = next(n for n, slide in enumerate(show.slides) if slide.kind == "stats")
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, (960, 540))
    stage.state.move(SlideMove(stats - 1, animate=False))
    render_frame(stage)
    stage.state.move(SlideMove(stats))
    view = stage.view(stats)
    assert view.animation_s > 0
    growing = []
    for _ in range(int((1.0 + view.animation_s) / 0.1) + 2):
        clock.now += 0.1
        growing.append(render_frame(stage))
        stage.land_if_due()
    assert growing[12] != growing[-1]  # the bars grew on screen
    assert len(view.images()) == 1
    assert render_frame(stage) == growing[-1]  # and the settled slide stays as it was


def test_nothing_is_drawn_ahead_while_slides_move(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    """A visitor who touches during a transition gets the neighbours drawn once it has landed,
    not in the middle of it, where drawing a slide would cost the transition its frames."""
    window = _loop_of_four(qtbot, tmp_path, families, 30)
    qtbot.waitUntil(lambda: window.state.landed and window.state.index == 0, timeout=3000)
    window.player.go(1)
    assert window.stage.in_transition
    window.player.visitor_input()
    drawn_while_moving: set[str] = set()
    while window.stage.in_transition:
        drawn_while_moving |= {view.slide.id for view in window.stage.drawn_views()}
        qtbot.wait(20)
    assert "s2" not in drawn_while_moving
    qtbot.waitUntil(
        lambda: {view.slide.id for view in window.stage.drawn_views()} == {"s0", "s1", "s2"},
        timeout=3000,
    )


class _PaintedAreas(QObject):
    """Notes the part of the stage each paint event draws."""

    def __init__(self, stage: SlideStage):
        super().__init__(stage)
        self.areas: list[QRect] = []
        stage.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.areas.append(event.rect())
        return False


def _on_screen(stage: QWidget) -> QImage:
    """What a top-level widget's window shows now: its backing store, as the screen gets it."""
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.grabWindow(stage.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def _next_frame(qtbot: QtBot, stage: SlideStage) -> None:
    with qtbot.waitSignal(stage.frame_painted, timeout=3000):
        pass


def _crossfade_on_screen(
    qtbot: QtBot,
    stage: SlideStage,
    clock: StepClock,
    start: Callable[[], None],
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[QRect], list[tuple[QImage, QImage]]]:
    """Starts a crossfade (and does `meanwhile` after its first frame); the frame clock then
    paints it at three moments. Returns the areas painted after the first frame, and at each
    moment what the screen shows beside the whole stage drawn afresh."""
    render_frame(stage)
    _next_frame(qtbot, stage)
    painted = _PaintedAreas(stage)
    start()
    _next_frame(qtbot, stage)  # the transition's first frame: all of the stage
    if meanwhile is not None:
        meanwhile()
        _next_frame(qtbot, stage)
    painted.areas.clear()
    moments = []
    for _ in range(3):
        clock.now += 0.2
        _next_frame(qtbot, stage)  # the frame clock's next frame, at this moment
        moments.append((_on_screen(stage), render_frame(stage)))
    assert stage.in_transition
    return painted.areas, moments


def test_an_attract_crossfade_paints_the_slides_again_and_leaves_the_band_standing(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """While the loop crossfades, the band below (where the loop stands, the invitation)
    does not change, so each frame paints the slide area only: less to blend and send on a
    small machine. What the screen shows is still the whole picture of that moment."""
    show = default_loaded.show
    assert show is not None
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, (960, 540))
    band_top = 540 - math.ceil(stage.view(0).style.band_height)
    areas, moments = _crossfade_on_screen(
        qtbot, stage, clock, lambda: stage.state.move(SlideMove(1))
    )
    assert areas, "no frames while the slides crossfade"
    assert all(area.bottom() < band_top for area in areas)
    for screen, whole in moments:
        assert share_differing(screen, whole, QRect(0, 0, 960, 540), step=4) < 0.002


def test_a_new_show_crossfades_in_whole_band_and_all(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """Another show may have another background: its crossfade paints the band too."""
    show = default_loaded.show
    assert show is not None
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, (960, 540))
    theme = replace(show.settings.theme, background="#3a1020")
    other = replace(show, settings=replace(show.settings, theme=theme))
    areas, moments = _crossfade_on_screen(
        qtbot, stage, clock, lambda: stage.state.replace(other, 0)
    )
    assert areas and all(area.bottom() == 539 for area in areas)
    for screen, whole in moments:
        assert share_differing(screen, whole, QRect(0, 0, 960, 540), step=4) < 0.002


def test_a_crossfade_whose_pictures_differ_behind_the_band_paints_it_too(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """Staff turn on high contrast while the loop crossfades: the slide entering is drawn
    anew in black and yellow, the one leaving is not, and the band's strip blends with them."""
    show = default_loaded.show
    assert show is not None
    stage, clock = _stage_on_a_step_clock(qtbot, show, default_loaded.folder, families, (960, 540))
    areas, moments = _crossfade_on_screen(
        qtbot,
        stage,
        clock,
        lambda: stage.state.move(SlideMove(1)),
        lambda: stage.state.set_staff_access(False, True),
    )
    assert areas and all(area.bottom() == 539 for area in areas)
    for screen, whole in moments:
        assert share_differing(screen, whole, QRect(0, 0, 960, 540), step=4) < 0.002


def _dots_span(image: QImage, stage: SlideStage) -> tuple[int, int]:
    """Where the band's dots begin and end: pixels of the dots' colours on their row, right of
    the language names (the chosen one is lit in the accent colour)."""
    style = stage.view(0).style
    y = round(image.height() - style.band_height / 2)
    colours = {style.palette.bar.rgb(), style.palette.accent.rgb()}
    names = [rect for _, _, rect in stage.band_layout().languages]
    start = math.ceil(names[-1].right()) + 1 if names else image.width() // 4
    xs = [x for x in range(start, image.width()) if image.pixel(x, y) in colours]
    assert xs, "no dots in the band"
    return xs[0], xs[-1]


def test_the_dots_stand_still_while_the_loop_moves_on_and_staff_hold_it(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """Landscape: the invitation beside the dots gives way to a pause sign when staff hold
    the show; the dots must not move with it, nor from slide to slide."""
    show = default_loaded.show
    assert show is not None
    stage, _clock = _stage_on_a_step_clock(
        qtbot, show, default_loaded.folder, families, (1920, 1080)
    )
    spans = []
    for index in range(4):
        stage.state.move(SlideMove(index, animate=False))
        spans.append(_dots_span(render_frame(stage), stage))
    stage.state.set_held(datetime.datetime(2026, 5, 21, 12, 0))
    held = _dots_span(render_frame(stage), stage)
    lefts = {first for first, _ in [*spans, held]}
    rights = {last for _, last in [*spans, held]}
    assert max(lefts) - min(lefts) <= 2 and max(rights) - min(rights) <= 2, (spans, held)
    # All of them: 17 dots with a slide's share of 20 px or more.
    assert spans[1][1] - spans[1][0] >= 16 * 20
