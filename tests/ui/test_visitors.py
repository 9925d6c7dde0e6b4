"""A visitor with a finger or a mouse: waking, browsing, stories, languages, leaving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QTransform
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, StorySlide
from kiosk.output.render import render_frame
from kiosk.playback.visitor_session import Mode
from kiosk.ui.slides.call_to_action import CallToActionView
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import running_show
from tests.widgets import Finger

SIZE = (1920, 1080)


def _centre_in_window(window: KioskWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def _wake(window: KioskWindow, finger: Finger) -> None:
    finger.tap(window.stage, QPoint(SIZE[0] // 2, SIZE[1] // 3))
    assert window.player.session.mode is Mode.INTERACTIVE


def test_a_first_tap_on_the_slide_brings_the_controls_and_presses_none(
    window: KioskWindow, finger: Finger
) -> None:
    assert window.player.session.mode is Mode.ATTRACT and not window.controls.isVisible()
    next_at = _centre_in_window(window, window.controls.next_button)
    # Where the "next" control will appear: the waking tap must not press it.
    finger.tap(window.stage, next_at)
    assert window.player.session.mode is Mode.INTERACTIVE
    assert window.controls.isVisible()
    assert window.state.index == 0 and not window.stage.in_transition
    finger.tap(window.controls.next_button, window.controls.next_button.rect().center())
    assert window.state.index == 1 and window.stage.in_transition


def test_no_autoplay_while_a_visitor_is_here(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...], finger: Finger
) -> None:
    assert default_loaded.show is not None
    show = default_loaded.show
    # A fast loop: every slide for a twentieth of a second.
    fast = replace(show, slides=[replace(s, duration=0.05) for s in show.slides])
    clock = StepClock()
    window = KioskWindow(
        running_show(fast, default_loaded.folder, "de", clock=clock).player, families
    )
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.start()
    qtbot.waitExposed(window)
    _wake(window, finger)
    clock.now += 1.0  # twenty slides' time
    window.player.advance_if_due()  # what the loop's timer does when it fires
    assert window.state.index == 0


@pytest.mark.parametrize(("dx", "expected"), [(-700, 1), (700, 16)])
def test_swipe_moves_between_slides(
    window: KioskWindow, finger: Finger, dx: int, expected: int
) -> None:
    _wake(window, finger)
    start = QPoint(SIZE[0] // 2, SIZE[1] // 2)
    finger.drag(window.stage, start, start + QPoint(dx, 0))
    assert window.state.index == expected
    assert window.controls.dots.current == expected


def test_slow_drag_follows_the_finger_and_snaps_back(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...], finger: Finger
) -> None:
    assert default_loaded.show is not None
    clock = StepClock(100.0)
    controller = running_show(default_loaded.show, default_loaded.folder, "de", clock=clock)
    window = KioskWindow(controller.player, families)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.start()
    _wake(window, finger)
    settled = render_frame(window.stage)
    start = QPoint(SIZE[0] // 2, SIZE[1] // 2)

    def slowly() -> None:
        clock.now += 0.06  # 150 px in half a second: a slow drag, not a flick

    finger.drag(window.stage, start, start - QPoint(150, 0), release=False, between_steps=slowly)
    assert window.stage.dragging
    dragged = render_frame(window.stage)
    # The slide has moved left by the finger's distance: along the headline, each pixel now
    # shows what stood 150 px to its right.
    [headline] = [i for i in window.stage.view(0).text_items() if i.role == "headline"]
    assert headline.ink is not None
    y = round(headline.ink.top() + headline.ink.height() * 0.25)  # through the first line
    edges = [x for x in range(300, 1700) if settled.pixel(x, y) != settled.pixel(x - 1, y)]
    assert len(edges) > 20
    for x in edges[:: max(1, len(edges) // 20)]:
        assert dragged.pixel(x - 150, y) == settled.pixel(x, y)
    assert dragged != settled
    clock.now += 0.3
    finger.release(window.stage, start - QPoint(150, 0))
    assert window.state.index == 0 and not window.stage.dragging
    clock.now += 1.0  # the spring back has run its course
    assert render_frame(window.stage) == settled


def test_a_tap_on_the_slide_changes_nothing(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    finger.tap(window.stage, QPoint(900, 500))
    assert window.state.index == 0 and not window.stage.in_transition


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_PageDown, 1),
        (Qt.Key.Key_Space, 1),
        (Qt.Key.Key_Left, 16),
        (Qt.Key.Key_PageUp, 16),
    ],
)
def test_presenter_keys(window: KioskWindow, key: Qt.Key, expected: int) -> None:
    QTest.keyClick(window, key)
    assert window.state.index == expected


def test_home_key_returns_to_the_first_slide(window: KioskWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_Home)
    assert window.state.index == 0


def test_tap_a_progress_dot_to_jump(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    dots = window.controls.dots
    finger.tap(dots, dots.centre_of(9).toPoint())
    assert window.state.index == 9


def test_stories_overview_open_and_back(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    button = window.controls.stories_button
    finger.tap(button, button.rect().center())
    overview = window.stories_overlay
    assert overview.isVisible()
    names = [card.story.name.get("de") for card in overview.cards]
    assert names == [
        "Eine Studentin",
        "Eine Lehrerin",
        "Ein Journalist",
        "Ein Vater",
        "Ein Rentner",
    ]
    teacher = overview.cards[1]
    finger.tap(overview, overview.screen_rect(teacher).center().toPoint())
    assert not overview.isVisible()
    slide = window.state.show.slides[window.state.index]
    assert isinstance(slide, StorySlide) and slide.id == "story-teacher"
    assert window.back_button.isVisible()
    assert window.back_button.text() == "Alle Geschichten"
    finger.tap(window.back_button, window.back_button.rect().center())
    assert overview.isVisible()


def test_language_switch_changes_text_and_qr(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    _wake(window, finger)
    button = window.controls.language_button
    assert button.text() == "Deutsch"
    finger.tap(button, button.rect().center())
    chooser = window.language_overlay
    assert chooser.isVisible()
    assert [b.text() for b in chooser.buttons.values()] == [
        "Deutsch",
        "English",
        "Беларуская",
        "Русский",
    ]
    english = chooser.buttons["en"]
    finger.tap(english, english.rect().center())
    assert not chooser.isVisible()
    assert window.state.language == "en"
    texts = [i.text for i in window.stage.view(0).text_items()]
    assert "The time for release is NO:W" in texts
    assert window.controls.stories_button.text() == "Stories"
    assert window.controls.link_button.text() == "Take the link"
    cta = window.stage.view(len(window.state.show.slides) - 1)
    assert isinstance(cta, CallToActionView) and cta.url == "https://releasenow.org/manifesto/"
    link = window.controls.link_button
    finger.tap(link, link.rect().center())
    assert window.link_overlay.isVisible()
    assert window.link_overlay.url == "https://releasenow.org/manifesto/"


def test_idle_countdown_then_everything_resets(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    window.player.session.idle_timeout_s = 0.3
    window.player.session.countdown_s = 0.6
    _wake(window, finger)
    QTest.keyClick(window, Qt.Key.Key_Right)
    window.player.set_language("en")
    window.open_stories()
    with qtbot.waitSignal(window.state.mode_changed, timeout=3000) as countdown:
        pass
    assert countdown.args == ["countdown"]
    assert window.countdown.isVisible()
    with qtbot.waitSignal(window.state.mode_changed, timeout=3000) as attract:
        pass
    assert attract.args == ["attract"]
    assert window.player.session.mode is Mode.ATTRACT
    assert window.state.index == 0 and window.state.language == "de"
    assert not any(overlay.isVisible() for overlay in window.overlays)
    assert not window.controls.isVisible() and not window.player.loop.paused


def test_a_tap_during_the_countdown_keeps_the_visitor(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    window.player.session.idle_timeout_s = 0.2
    window.player.session.countdown_s = 5
    _wake(window, finger)
    QTest.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.countdown.isVisible(), timeout=3000)
    finger.tap(window.countdown, QPoint(100, 100))
    assert not window.countdown.isVisible()
    assert window.player.session.mode is Mode.INTERACTIVE and window.state.index == 1


def test_controls_are_finger_sized_and_low(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    for button in window.controls.buttons():
        if button.isVisible():
            top_left = button.mapTo(window, QPoint(0, 0))
            assert button.height() >= 72
            assert top_left.y() > 0.8 * SIZE[1], "controls sit in the lower part of the screen"
            assert button.accessibleName()
    assert window.controls.dots.height() >= 72


def test_controls_grow_to_15_mm_on_dense_screens(window: KioskWindow, finger: Finger) -> None:
    window.stage.dots_per_mm = 8.0  # a small, sharp panel: 15 mm is 120 px
    window.apply_style()
    _wake(window, finger)
    assert window.controls.next_button.height() >= 120


def test_pressed_control_shows_it_at_once(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    button = window.controls.stories_button
    before = button.grab().toImage().pixelColor(6, button.height() // 2)
    QTest.mousePress(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert button.isDown()
    pressed = button.grab().toImage().pixelColor(6, button.height() // 2)
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert pressed != before
    assert pressed.rgb() == QColor(window.stage.style().palette.accent).darker(125).rgb()


def test_take_the_link_shows_a_large_code(window: KioskWindow, finger: Finger) -> None:
    _wake(window, finger)
    window.controls.link_button.click()
    assert window.link_overlay.qr_rect.width() >= 0.4 * SIZE[1]


def test_every_tap_after_tap_to_stay_acts(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    """The countdown asks the visitor to tap to stay; the tap after that is already theirs."""
    window.player.session.idle_timeout_s = 0.2
    window.player.session.countdown_s = 30
    _wake(window, finger)
    qtbot.waitUntil(lambda: window.countdown.isVisible(), timeout=3000)
    window.player.session.idle_timeout_s = 60
    finger.tap(window.countdown, QPoint(100, 100))
    assert not window.countdown.isVisible() and window.controls.isVisible()
    qtbot.waitUntil(lambda: not window.stage.in_transition, timeout=3000)
    index = window.state.index
    button = window.controls.next_button
    finger.tap(button, button.rect().center())
    assert window.state.index == index + 1  # the first tap on a control acts


@pytest.mark.parametrize("target", ["scan", "qr"])
def test_scan_the_code_opens_the_large_code(
    window: KioskWindow, finger: Finger, target: str, qtbot: QtBot
) -> None:
    _wake(window, finger)
    last = len(window.state.show.slides) - 1
    window.player.jump_to(last)
    qtbot.waitUntil(lambda: window.state.landed, timeout=3000)
    view = window.stage.view(last)
    assert isinstance(view, CallToActionView)
    item = next(i for i in view.composition.items if i.role == target)
    seen = item.ink if item.ink is not None else item.box  # where the words or the code show
    finger.tap(window.stage, seen.center().toPoint())
    assert window.link_overlay.isVisible()
    # Elsewhere on the same slide a tap does nothing.
    window.link_overlay.hide()
    headline = next(i for i in view.composition.items if i.role == "headline")
    finger.tap(window.stage, headline.box.center().toPoint())
    assert not window.link_overlay.isVisible() and window.state.index == last


@pytest.mark.parametrize(("dx", "expected"), [(-700, 1), (700, 16)])
def test_a_passer_by_s_first_swipe_turns_the_page(
    window: KioskWindow, finger: Finger, dx: int, expected: int
) -> None:
    assert window.player.session.mode is Mode.ATTRACT
    start = QPoint(SIZE[0] // 2, SIZE[1] // 2)
    finger.drag(window.stage, start, start + QPoint(dx, 0))
    assert window.state.index == expected
    assert window.player.session.mode is Mode.INTERACTIVE and window.controls.isVisible()


@pytest.mark.parametrize("target", ["scan", "qr"])
def test_a_passer_by_s_first_tap_on_the_code_opens_it(
    window: KioskWindow, finger: Finger, target: str, qtbot: QtBot
) -> None:
    last = len(window.state.show.slides) - 1
    window.player.jump_to(last)  # the loop has come to the call to action
    qtbot.waitUntil(lambda: window.state.landed, timeout=3000)
    assert window.player.session.mode is Mode.ATTRACT
    view = window.stage.view(last)
    item = next(i for i in view.composition.items if i.role == target)
    seen = item.ink if item.ink is not None else item.box
    finger.tap(window.stage, seen.center().toPoint())
    assert window.link_overlay.isVisible()


def test_the_progress_strip_is_one_large_target(window: KioskWindow, finger: Finger) -> None:
    """Dots are too small to hit one by one: the strip between previous and next is the
    target, a control high, and a tap anywhere on it picks the nearest slide."""
    _wake(window, finger)
    dots, controls = window.controls.dots, window.controls
    assert dots.height() >= 72  # a touch target: never under 72 px on a 1080p screen
    assert dots.x() - controls.previous_button.geometry().right() < 60
    assert controls.next_button.x() - dots.geometry().right() < 60
    assert dots.spacing() >= 34  # each slide's share of the strip at 1920x1080 (dots: 26 px)
    between = (dots.centre_of(4) * 0.4 + dots.centre_of(5) * 0.6).toPoint()
    finger.tap(dots, QPoint(between.x(), 4))  # near the strip's top edge, nearer slide 6
    assert window.state.index == 5


def test_sliding_along_the_strip_picks_the_slide_under_the_finger(
    window: KioskWindow, finger: Finger
) -> None:
    _wake(window, finger)
    dots = window.controls.dots
    seen: list[int | None] = []
    finger.drag(
        dots,
        dots.centre_of(2).toPoint(),
        dots.centre_of(12).toPoint(),
        release=False,
        between_steps=lambda: seen.append(dots.scrub),
    )
    assert dots.scrub == 12 and window.state.index == 0  # shown, not yet gone to
    marks = [mark for mark in seen[1:] if mark is not None]
    assert marks == seen[1:] and marks == sorted(marks)  # the mark follows the finger
    finger.release(dots, dots.centre_of(12).toPoint())
    assert window.state.index == 12 and dots.scrub is None


def _coarse(picture: QImage, size: QSize) -> QImage:
    """A picture at `size`, then so small that lines of text become grey bands (glyphs drawn
    small and glyphs scaled down differ at their edges)."""
    smooth, free = Qt.TransformationMode.SmoothTransformation, Qt.AspectRatioMode.IgnoreAspectRatio
    shrunk = picture.scaled(size, free, smooth).scaled(size / 4, free, smooth)
    return shrunk.convertToFormat(QImage.Format.Format_RGB32)


def _settled_upright(window: KioskWindow, index: int) -> QImage:
    """A slide's settled picture as the stage keeps it, upright."""
    view = window.stage.view(index)
    picture = view.final_image()
    return picture.transformed(QTransform().rotate(-view.turn)) if view.turn else picture


def _likeness(one: QImage, other: QImage, background: QColor) -> float:
    """Of the points where either of two pictures of one size shows something other than the
    background, the share where they look alike."""
    inked = alike = 0
    for x in range(0, one.width(), 2):
        for y in range(0, one.height(), 2):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            if _apart(a, background) <= 40 and _apart(b, background) <= 40:
                continue
            inked += 1
            alike += _apart(a, b) <= 40
    return alike / max(1, inked)


def _apart(one: QColor, other: QColor) -> int:
    return max(
        abs(one.red() - other.red()),
        abs(one.green() - other.green()),
        abs(one.blue() - other.blue()),
    )


def slide_along_the_strip_and_preview(
    window: KioskWindow,
    press: Callable[[QPoint], None],
    move: Callable[[QPoint], None],
    release: Callable[[QPoint], None],
    qtbot: QtBot,
) -> None:
    """A finger resting on the strip previews nothing; sliding along it, a small picture of
    the slide it points at stands above the strip, follows the dot, stays on the screen and
    clear of the finger, and goes when the finger lifts. `press`, `move` and `release` take
    points of the strip."""
    dots, preview = window.controls.dots, window.preview
    screen = window.rect()
    strip_top = dots.mapTo(window, QPoint(0, 0)).y()
    # A finger resting (a tap in the making) previews nothing.
    press(dots.centre_of(3).toPoint())
    move(dots.centre_of(3).toPoint() + QPoint(2, 1))
    assert not preview.isVisible()
    release(dots.centre_of(3).toPoint())
    assert not preview.isVisible()
    qtbot.waitUntil(lambda: window.state.index == 3 and window.state.landed, timeout=5000)
    window.player.jump_to(0)
    qtbot.waitUntil(lambda: window.state.index == 0 and window.state.landed, timeout=5000)
    last = window.state.slide_count - 1
    places = []
    press(dots.centre_of(1).toPoint())
    for index in range(2, last + 1):
        move(dots.centre_of(index).toPoint())
        assert preview.isVisible()
        where = preview.geometry()
        places.append(where.center().x())
        assert screen.contains(where), (index, where)
        assert where.bottom() < strip_top  # above the strip: never under the finger
        # About a fifth of the screen across, in the screen's proportions.
        assert where.width() == pytest.approx(screen.width() / 5, abs=12)
        assert where.height() == pytest.approx(screen.height() / 5, abs=12)
    target = last - 2
    move(dots.centre_of(target).toPoint())
    assert preview.isVisible()
    places.append(preview.geometry().center().x())
    shown = window.grab(preview.geometry()).toImage()
    assert places[:-1] == sorted(places[:-1]) and places[-2] > places[0]  # it follows
    assert places[-1] < places[-2]  # and back
    release(dots.centre_of(target).toPoint())
    assert not preview.isVisible()
    qtbot.waitUntil(lambda: window.state.index == target and window.state.landed, timeout=5000)
    inside = preview.size() - QSize(12, 12)
    shown = _coarse(shown.copy(shown.rect().adjusted(6, 6, -6, -6)), inside)  # not its edge
    background = window.stage.style().palette.background
    likeness = [
        _likeness(shown, _coarse(_settled_upright(window, index), inside), background)
        for index in range(last + 1)
    ]
    # The slide it pointed at, and no other (not the one on screen while the finger slid).
    assert max(range(last + 1), key=likeness.__getitem__) == target, likeness
    assert likeness[target] > 0.6 and likeness[0] < 0.4, likeness


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_sliding_along_the_strip_previews_the_slide_it_points_at(
    size: tuple[int, int],
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    finger: Finger,
) -> None:
    window = KioskWindow(running_show(default_loaded, language="de").player, families)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.start()
    qtbot.waitExposed(window)
    finger.tap(window.stage, QPoint(size[0] // 2, size[1] // 3))
    dots = window.controls.dots

    def press(point: QPoint) -> None:
        finger.drag(dots, point, point, release=False)

    def move(point: QPoint) -> None:
        if finger.kind == "touch":
            sequence = QTest.touchEvent(window, finger.device)
            sequence.move(0, dots.mapTo(window, point))
            sequence.commit()
        else:
            QTest.mouseMove(dots, point)

    slide_along_the_strip_and_preview(
        window, press, move, lambda point: finger.release(dots, point), qtbot
    )


def _name_in_band(window: KioskWindow, code: str) -> QPoint:
    """The middle of a language's name in the attract band, as painted on the stage."""
    window.stage.grab()
    return next(
        rect.center().toPoint()
        for name_code, _, rect in window.stage.band_layout().languages
        if name_code == code
    )


def test_a_passer_by_s_first_tap_on_a_language_starts_the_visit_in_it(
    window: KioskWindow, finger: Finger
) -> None:
    """At a diaspora meeting a Russian reader finds "Русский" in the band before touching
    anything, and the first tap on it shows the slide and the controls in Russian."""
    assert window.player.session.mode is Mode.ATTRACT and window.state.language == "de"
    finger.tap(window.stage, _name_in_band(window, "ru"))
    assert window.state.language == "ru"
    assert window.player.session.mode is Mode.INTERACTIVE and window.controls.isVisible()
    assert window.state.index == 0 and not window.stage.in_transition  # no page turned
    texts = [i.text for i in window.stage.view(0).text_items()]
    assert "Время освобождения\u00a0— СЕЙЧАС" in texts  # the dash kept with its word
    controls = window.controls
    assert controls.language_button.text() == "Русский"
    assert controls.stories_button.text() == "Истории"
    assert controls.link_button.text() == "Ссылка с собой"


def test_a_first_tap_on_the_band_beside_the_languages_only_wakes(
    window: KioskWindow, finger: Finger
) -> None:
    layout = (window.stage.grab(), window.stage.band_layout())[1]
    brand = QPoint(round((layout.brand_x + layout.brand_right) / 2), round(layout.text_y))
    finger.tap(window.stage, brand)
    assert window.player.session.mode is Mode.INTERACTIVE
    assert window.state.language == "de" and window.state.index == 0


def test_the_choice_holds_for_the_visit_and_the_loop_returns_to_the_show_s_language(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    window.player.session.idle_timeout_s = 0.3
    window.player.session.countdown_s = 0.6
    finger.tap(window.stage, _name_in_band(window, "be"))
    assert window.state.language == "be"
    QTest.keyClick(window, Qt.Key.Key_Right)  # browsing on: the language holds
    assert window.state.index == 1 and window.state.language == "be"
    with qtbot.waitSignal(window.state.mode_changed, timeout=3000) as countdown:
        pass
    assert countdown.args == ["countdown"] and window.state.language == "be"
    with qtbot.waitSignal(window.state.mode_changed, timeout=3000) as attract:
        pass
    assert attract.args == ["attract"]
    assert window.state.language == "de"
    window.stage.grab()
    assert window.stage.band.hint_text == "Berühren zum Entdecken"
    texts = [i.text for i in window.stage.view(0).text_items()]
    assert "Die Zeit für Freilassungen ist JETZT" in texts


def test_the_countdown_s_words_stand_on_a_ground_of_their_own(window: KioskWindow) -> None:
    """Over a slide full of text, 'Back to the start' and its seconds are read on their own
    ground: the dimmed slide's words never run through them."""
    window.player.jump_to(
        next(i for i, s in enumerate(window.state.show.slides) if s.kind == "story")
    )
    window.open_overlay(window.countdown)
    window.countdown.seconds = 10
    image = window.countdown.grab().toImage()
    style = window.stage.style()
    background = style.palette.background.rgb()
    middle_x, middle_y = image.width() // 2, image.height() // 2
    # Around the words (left and right of the number, above and below the lines), only the
    # ground: no ghost of the slide's text or picture.
    ring = [
        (x, y)
        for x in range(middle_x - int(style.px(14)), middle_x + int(style.px(14)), 3)
        for y in (middle_y - int(style.px(1)), middle_y + int(style.px(1)))
        if abs(x - middle_x) > style.px(9)
    ]
    ghosts = [(x, y) for x, y in ring if image.pixel(x, y) != background]
    assert not ghosts, ghosts[:5]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920), (1024, 768)])
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_the_countdown_over_the_link_leaves_the_code_and_its_hint_in_view(
    window: KioskWindow, qtbot: QtBot, size: tuple[int, int], language: str
) -> None:
    """A visitor scanning the link lingers: the countdown takes a strip at the bottom, under
    the code, its address and the hint to point the camera at it, which all stay readable."""
    window.resize(*size)
    window.player.visitor_input()
    window.player.set_language(language)
    window.open_overlay(window.link_overlay)
    window.open_overlay(window.countdown)
    qtbot.waitUntil(lambda: window.countdown.isVisible())
    assert window.countdown.compact and window.link_overlay.isVisible()
    strip, words = window.countdown.strip(), window.link_overlay.words_rect
    assert not words.isEmpty()
    assert words.bottom() <= strip.top(), f"the strip covers {words.bottom() - strip.top():.0f} px"
    # The strip's own words fit in it.
    image = window.countdown.grab().toImage()
    background = window.stage.style().palette.background.rgb()
    edge = round(strip.bottom()) - 2
    assert all(image.pixel(x, edge) == background for x in range(0, size[0], 4))
