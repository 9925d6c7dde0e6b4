"""Running an event: nothing a visitor does gets out; staff can steer; content swaps live."""

from __future__ import annotations

import datetime
import logging
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk import i18n
from kiosk.content import LoadedShow, load_show
from kiosk.output.render import render_frame
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.kept import KioskState
from kiosk.playback.visitor_session import Mode
from kiosk.running import RunningShow
from kiosk.settings import LocalSettings
from kiosk.source import folder_checks, watcher
from kiosk.staff.menu import StaffMenu
from kiosk.staff.mode import StaffMode
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import running_show, staff_mode

SIZE = (1280, 720)

# A show's check reads and decodes every picture of it: a second or two on a quiet machine,
# more with both cores busy. Waits end as soon as the check is done.
CHECK_WAIT_MS = 60_000


@dataclass
class Kiosk:
    window: KioskWindow
    staff: StaffMode
    folder: Path
    state_path: Path
    running: RunningShow
    quits: list[bool]


@pytest.fixture
def make_kiosk(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    monkeypatch.setattr(watcher, "POLL_MS", 100)
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    made: list[Kiosk] = []

    def make(
        pin: str | None = "2105",
        watch: bool = False,
        language: str = "de",
        staff_language: str | None = None,
        size: tuple[int, int] = SIZE,
    ) -> Kiosk:
        loaded = load_show(folder)
        assert loaded.show is not None
        state_path = tmp_path / "state.json"
        running = running_show(loaded, language=language, state=KioskState.load(state_path))
        window = KioskWindow(running.player, families, locked=True)
        # A locked window refuses to close; the test lets it go before pytest-qt closes it.
        qtbot.addWidget(window, before_close_func=lambda w: w.lockdown.release())
        window.resize(*size)
        window.show()
        window.start()
        qtbot.waitExposed(window)
        settings = LocalSettings(
            staff_pin=pin, content_roots=(tmp_path,), staff_language=staff_language
        )
        quits: list[bool] = []
        staff = staff_mode(window, running, settings, quits)
        if watch:
            running.source.watch(loaded)
        kiosk = Kiosk(window, staff, folder, state_path, running, quits)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.running.stop()


# -- lockdown ---------------------------------------------------------------------------------


def test_close_request_is_refused_and_logged(
    make_kiosk: object, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    with caplog.at_level(logging.WARNING):
        assert kiosk.window.close() is False
    assert kiosk.window.isVisible()
    assert "refused a request to close the kiosk window" in caplog.text


@pytest.mark.parametrize(
    ("key", "modifiers", "logged"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, "the Escape key"),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, "Alt+F4"),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, "a quit shortcut"),
    ],
)
def test_escape_keys_are_refused(
    make_kiosk: object,
    caplog: pytest.LogCaptureFixture,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
    logged: str,
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    with caplog.at_level(logging.WARNING):
        QTest.keyClick(kiosk.window, key, modifiers)
    assert kiosk.window.isVisible()
    assert f"refused {logged}" in caplog.text


def test_context_menus_never_open(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(100, 100), QPoint(100, 100))
    assert QApplication.sendEvent(kiosk.window.stage, event) is True  # taken, nothing shown


def test_minimising_is_undone(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.window.showMinimized()
    qtbot.waitUntil(lambda: not kiosk.window.isMinimized(), timeout=3000)
    assert kiosk.window.windowState() & Qt.WindowState.WindowFullScreen


def test_pointer_shows_while_the_mouse_moves_and_hides(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    window.lockdown.cursor_timer.setInterval(150)
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    QTest.mouseMove(window.stage, QPoint(300, 300))
    QTest.mouseMove(window.stage, QPoint(320, 310))
    assert window.cursor().shape() == Qt.CursorShape.ArrowCursor
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.BlankCursor, timeout=3000)


# -- staff mode -------------------------------------------------------------------------------


_DEVICES: list[QPointingDevice] = []


def _touch(window: KioskWindow, action: str, pos: QPoint) -> None:
    # One touchscreen for the whole session: a release must come from the device that pressed.
    if not _DEVICES:
        _DEVICES.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    sequence = QTest.touchEvent(window, _DEVICES[0])
    getattr(sequence, action)(0, pos)
    sequence.commit()


def _enter(kiosk: Kiosk, digits: str) -> None:
    for digit in [*digits, "OK"]:
        button = kiosk.staff.pin_pad.keys[digit]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def test_holding_the_corner_opens_the_pin_pad(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.hold_timer.setInterval(200)
    _touch(kiosk.window, "press", QPoint(20, 20))
    qtbot.waitUntil(kiosk.staff.pin_pad.isVisible, timeout=3000)
    _touch(kiosk.window, "release", QPoint(20, 20))
    _enter(kiosk, "2105")
    assert not kiosk.staff.pin_pad.isVisible()
    assert kiosk.staff.menu.isVisible()
    kiosk.staff.menu.dismiss()
    kiosk.running.stop()
    assert kiosk.running.recorder.counts.day_totals().get("sessions", 0) == 0  # no visitor


def test_a_short_press_in_the_corner_does_nothing(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.hold_timer.setInterval(300)
    _touch(kiosk.window, "press", QPoint(20, 20))
    _touch(kiosk.window, "release", QPoint(20, 20))
    # The hold was let go before its time: nothing is left to fire, nothing opens.
    assert not kiosk.staff.hold_timer.isActive()
    assert not kiosk.staff.pin_pad.isVisible()


def _accent_pixels(pad: QWidget, accent: QColor) -> int:
    shot = pad.grab().toImage()
    return sum(
        1
        for x in range(0, shot.width(), 3)
        for y in range(0, shot.height(), 3)
        if shot.pixelColor(x, y).rgb() == accent.rgb()
    )


def test_a_wrong_pin_is_said_in_the_accent_colour(make_kiosk: object) -> None:
    """Not the quiet grey of a hint: something went wrong, and staff must see it."""
    kiosk = make_kiosk()  # type: ignore[operator]
    pad = kiosk.staff.pin_pad
    kiosk.window.open_overlay(pad)
    accent = kiosk.window.stage.style().palette.accent
    before = _accent_pixels(pad, accent)
    _enter(kiosk, "0000")
    assert pad.message == "Falsche PIN – noch 4 Versuche"
    assert _accent_pixels(pad, accent) > before + 50


def test_five_wrong_pins_lock_the_pad(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    pad = kiosk.staff.pin_pad
    kiosk.window.open_overlay(pad)
    messages = []
    for _ in range(4):
        _enter(kiosk, "0000")
        messages.append(pad.message)
    assert messages == [
        "Falsche PIN – noch 4 Versuche",
        "Falsche PIN – noch 3 Versuche",
        "Falsche PIN – noch 2 Versuche",
        "Falsche PIN – noch 1 Versuch",
    ]
    _enter(kiosk, "0000")
    assert pad.message == "Gesperrt für 60 s"
    assert not pad.keys["2"].isEnabled()
    _enter(kiosk, "2105")  # the right PIN does nothing while locked
    assert not kiosk.staff.menu.isVisible()


def test_keyboard_reaches_staff_mode(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(kiosk.window, Qt.Key.Key_K, ctrl_alt)
    assert kiosk.staff.pin_pad.isVisible()
    QTest.keyClicks(kiosk.window, "2105")
    QTest.keyClick(kiosk.window, Qt.Key.Key_Return)
    assert kiosk.staff.menu.isVisible()
    QTest.keyClick(kiosk.window, Qt.Key.Key_Escape)
    kiosk.running.stop()
    assert kiosk.running.recorder.counts.day_totals().get("sessions", 0) == 0  # no visitor


def test_without_a_pin_only_the_keyboard_works(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk(pin=None)  # type: ignore[operator]
    kiosk.staff.hold_timer.setInterval(100)
    with qtbot.waitSignal(kiosk.staff.hold_timer.timeout, timeout=3000):
        _touch(kiosk.window, "press", QPoint(20, 20))  # held to the end of the hold time
    _touch(kiosk.window, "release", QPoint(20, 20))
    assert not kiosk.staff.pin_pad.isVisible() and not kiosk.staff.menu.isVisible()
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(kiosk.window, Qt.Key.Key_K, ctrl_alt)
    assert kiosk.staff.menu.isVisible() and not kiosk.staff.pin_pad.isVisible()


def test_pause_and_resume(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["pause_here"].click()
    assert kiosk.window.state.held and not kiosk.staff.menu.isVisible()
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["resume"].click()
    assert not kiosk.window.state.held


def test_status_names_folder_counts_and_version(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.open_menu()
    lines = kiosk.staff.menu.panel_lines
    # In the kiosk's language, in words: the show by its title, the folder, the state, counts.
    assert lines[0].startswith("Release N:OW – Standardausstellung – 17 Folien, Sprachen: Deutsch")
    assert lines[1] == f"Inhalt: {kiosk.folder}"
    assert lines[2] == "Spielt ab: Folie 1 von 17"
    assert any(line.startswith("Heute: Folien gezeigt: ") for line in lines)
    assert any("Version" in line for line in lines)
    assert not any("qr shown" in line or "slides_shown" in line for line in lines)


def test_status_says_errors_in_the_staff_s_language(
    make_kiosk: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A German kiosk's staff read what went wrong in German (the log file keeps English)."""
    from kiosk.content.store import Kept
    from kiosk.i18n.said import said
    from kiosk.logs import RECENT_ERRORS

    monkeypatch.setattr(RECENT_ERRORS, "records", type(RECENT_ERRORS.records)(maxlen=10))
    kiosk = make_kiosk()  # type: ignore[operator]
    log = logging.getLogger("kiosk.platform.screensaver")
    log.addHandler(RECENT_ERRORS)
    try:
        log.error("cannot inhibit screen blanking; the show plays on")
        log.error(
            "the show in %s is invalid; playing the last good show instead (%s)\n%s",
            "/media/stick/show",
            Kept("ce595759547a0000", "/media/stick/show").describe(),
            "show.yaml:3:1: error: …",
        )
    finally:
        log.removeHandler(RECENT_ERRORS)
    kiosk.running.recorder.counts.last_error = said(
        "cannot save counts: {error}", error="No space left on device"
    )
    kiosk.staff.open_menu()
    lines = kiosk.staff.menu.panel_lines
    assert "Zählungen nicht gespeichert: No space left on device" in lines
    assert any(
        line.endswith(
            " das Abschalten des Bildschirms lässt sich nicht verhindern; die Show läuft weiter"
        )
        for line in lines
    ), lines
    assert any(
        line.endswith(
            " die Show in /media/stick/show ist fehlerhaft; stattdessen läuft die letzte gute "
            "Show (nicht signiert, Fingerabdruck ce595759547a)"
        )
        for line in lines
    ), lines
    assert not any("cannot" in line or "unsigned" in line for line in lines)
    # A finding under its heading is indented as a whole: its wrapped lines too.
    menu = kiosk.staff.menu
    image = menu.grab().toImage()
    background = image.pixelColor(2, image.height() // 2)
    y = menu._lines_top()
    for indent, block in menu._line_blocks():
        if y + block.height > menu._lines_bottom:
            break
        inked = [
            x
            for row in range(int(y), int(y + block.height))
            for x in range(int(menu._panel.x()) - 4, int(menu._panel.x() + indent) - 1)
            if image.pixelColor(x, row) != background
        ]
        assert not inked, (indent, block.lines())
        y += block.height
    assert any(indent > 0 and block.line_count > 1 for indent, block in menu._line_blocks())


def test_a_hidden_story_is_gone_everywhere_and_stays_hidden(
    make_kiosk: object, qtbot: QtBot
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["hide_story"].click()
    overview = kiosk.window.stories_overlay
    assert overview.isVisible() and overview.hidden == set()
    teacher = next(c for c in overview.cards if c.story.id == "story-teacher")
    QTest.mouseClick(
        overview, Qt.MouseButton.LeftButton, pos=overview.screen_rect(teacher).center().toPoint()
    )
    assert overview.hidden == {"story-teacher"}
    # Staff see which story is hidden: "Ausgeblendet" in the accent colour under its name,
    # below the picture, never over it.
    teacher = next(c for c in overview.cards if c.story.id == "story-teacher")
    shot = overview.grab().toImage()
    card = overview.screen_rect(teacher)
    picture_bottom = round(card.top() + card.width() * 0.62)
    accent = kiosk.window.stage.style().palette.accent.rgb()

    def accent_rows(top: int, bottom: int) -> bool:
        return any(
            shot.pixelColor(x, y).rgb() == accent
            for x in range(round(card.left()), round(card.right()), 2)
            for y in range(top, bottom, 2)
        )

    assert accent_rows(picture_bottom, round(card.bottom()))
    assert not accent_rows(round(card.top()), picture_bottom - 2)
    ids = [s.id for s in kiosk.window.state.show.slides]
    assert "story-teacher" not in ids and len(ids) == 16
    assert kiosk.window.player.loop.count == 16
    kiosk.window.open_stories()
    assert "story-teacher" not in [c.story.id for c in overview.cards]
    # A restart reads the same memory.
    restarted = make_kiosk()  # type: ignore[operator]
    assert "story-teacher" not in [s.id for s in restarted.window.state.show.slides]


def test_switch_to_another_folder(make_kiosk: object, qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    other = tmp_path / "media" / "stick" / "evening"
    other.mkdir(parents=True)
    (other / "show.yaml").write_text(
        "settings: {languages: [en], default_language: en, "
        "manifesto: 'https://releasenow.org/manifesto/', imprint: 'Test stand, Berlin'}\n"
        "slides:\n  - {id: evening, kind: title, headline: Evening programme}\n",
        encoding="utf-8",
    )
    broken = tmp_path / "media" / "stick" / "broken"
    broken.mkdir(parents=True)
    (broken / "show.yaml").write_text("slides: []\n", encoding="utf-8")
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["switch_folder"].click()
    menu = kiosk.staff.menu
    # The list arrives from a worker thread, then each folder's check.
    qtbot.waitUntil(
        lambda: bool(menu.folder_buttons) and all("…" not in b.text() for b in menu.folder_buttons),
        timeout=CHECK_WAIT_MS,
    )
    labels = sorted(b.accessibleName() for b in menu.folder_buttons)  # as read aloud
    # Each show by its title (here: its folder's name) and what its check found, the folder
    # on the line under it; the one playing now is marked.
    assert f"evening – 0 Fehler, 0 Warnungen\u2028{other}" in labels
    assert any(label.startswith("broken – 2 Fehler, 0 Warnungen") for label in labels)
    assert any("läuft jetzt" in label and str(kiosk.folder) in label for label in labels)
    # The broken folder looks refused; a tap on it says why, and the list stays to pick another.
    refused = next(b for b in menu.folder_buttons if b.property("path") == str(broken))
    assert refused.refused and not any(b.refused for b in menu.folder_buttons if b is not refused)
    refused.click()
    assert menu.panel_lines[0] == f"{broken}: nicht gewechselt, der Ordner hat Fehler"
    # Why, in the staff's language too: the file and line as they are.
    assert any(
        line.endswith(": Fehler: der Pflichtschlüssel 'settings' fehlt in der Show")
        for line in menu.panel_lines[1:]
    ), menu.panel_lines
    assert len(menu.folder_buttons) == 3 and all(b.isVisible() for b in menu.folder_buttons)
    assert kiosk.window.state.folder != broken
    target = next(b for b in menu.folder_buttons if b.property("path") == str(other))
    target.click()
    assert kiosk.window.state.folder == other
    assert [s.id for s in kiosk.window.state.show.slides] == ["evening"]
    assert kiosk.window.state.language == "en"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_every_folder_is_named_whole_in_the_list_on_either_screen(
    make_kiosk: object, qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A long title, its check's words in Russian and a deep folder: the button takes as many
    lines as it needs within the panel, and nothing of its label is cut off (on a portrait
    screen both ends of every label once were)."""
    kiosk = make_kiosk(staff_language="ru", size=size)  # type: ignore[operator]
    deep = tmp_path / "media" / "kiosk-usb-stick" / "ausstellung-berlin-herbst-2026"
    _evening_show(deep)
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["switch_folder"].click()
    menu = kiosk.staff.menu
    qtbot.waitUntil(
        lambda: (
            len(menu.folder_buttons) == 2 and all("…" not in b.text() for b in menu.folder_buttons)
        ),
        timeout=CHECK_WAIT_MS,
    )
    close = menu.close_button.geometry()
    for n, button in enumerate(menu.folder_buttons):
        box = button.geometry()
        assert menu.rect().contains(box) and not box.intersects(close)
        assert all(not box.intersects(b.geometry()) for b in menu.folder_buttons[n + 1 :])
        label = button._label  # what the button draws: every line of it inside the button
        assert label is not None and label.natural_width < box.width()
        assert label.height < box.height()


def _folders_checked(kiosk: Kiosk, qtbot: QtBot, count: int) -> StaffMenu:
    """The staff menu's list of content folders, once all `count` are checked."""
    kiosk.staff.open_menu()
    menu = kiosk.staff.menu
    menu.buttons["switch_folder"].click()
    qtbot.waitUntil(
        lambda: (
            len(menu.folder_buttons) == count
            and all("…" not in b.text() for b in menu.folder_buttons)
        ),
        timeout=2 * CHECK_WAIT_MS,  # ten folders, checked one after the other
    )
    return menu


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_more_folders_than_the_panel_holds_come_in_pages(
    make_kiosk: object, qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Nine folders on a stick: the list never runs over the menu's close and quit buttons
    (on a portrait screen it once did); the rest are a tap on "more" away, and every folder
    is reachable on exactly one page."""
    kiosk = make_kiosk(staff_language="ru", size=size)  # type: ignore[operator]
    for n in range(9):
        _evening_show(tmp_path / "media" / "kiosk-usb-stick" / f"ausstellung-berlin-{n}")
    menu = _folders_checked(kiosk, qtbot, 10)
    earlier, more = menu.page_buttons["folders_earlier"], menu.page_buttons["folders_more"]
    others = [menu.close_button, *menu.buttons.values()]
    seen: list[str] = []
    while True:
        shown = [b for b in menu.folder_buttons if b.isVisible()]
        turns = [b for b in (earlier, more) if b.isVisible()]
        assert shown, "a page without folders"
        for n, button in enumerate([*shown, *turns]):
            box = button.geometry()
            assert menu.rect().contains(box)
            assert not any(box.intersects(other.geometry()) for other in others), button.text()
            assert not any(box.intersects(b.geometry()) for b in [*shown, *turns][n + 1 :])
        assert earlier.isVisible() == bool(seen)
        seen += [b.property("path") for b in shown]
        if not more.isVisible():
            break
        more.click()
    assert sorted(seen) == sorted(b.property("path") for b in menu.folder_buttons)
    assert len(set(seen)) == 10
    assert more.text() == "Следующие папки ›" and earlier.text() == "‹ Предыдущие папки"
    earlier.click()
    assert not more.isHidden()


@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_a_folder_button_that_wraps_keeps_a_figure_with_its_word(
    make_kiosk: object, qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    """In portrait the folder list is narrow and its labels wrap: "0 Fehler, 1 / Warnung"
    once parted a count from what it counts, and "· показывается / сейчас" left a word
    alone."""
    kiosk = make_kiosk(staff_language=language, size=(1080, 1920))  # type: ignore[operator]
    _evening_show(tmp_path / "media" / "kiosk-usb-stick" / "ausstellung-berlin")
    menu = _folders_checked(kiosk, qtbot, 2)
    for button in menu.folder_buttons:
        label = button._label
        assert label is not None
        lines = [line.rstrip() for line in label.lines()]
        # The title and the check's counts, then the folder's path, which parts at slashes.
        path = str(button.property("path"))
        words = [line for line in lines if line.strip() and line.strip() not in path]
        assert not any(re.search(r"(^|\s)\d+$", line) for line in words), lines
        assert all(" " in line.strip() for line in words), lines
        assert all(line.endswith("/") for line in lines[len(words) : -1]), lines


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_why_a_folder_was_refused_is_read_beside_it_on_its_page(
    make_kiosk: object, qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A tap on a refused folder on a later page: that page stays, and the reason with the
    check's first finding fits under it, in the staff's language (it once ran off the
    panel unread)."""
    kiosk = make_kiosk(staff_language="ru", size=size)  # type: ignore[operator]
    stick = tmp_path / "media" / "kiosk-usb-stick"
    for n in range(8):
        _evening_show(stick / f"ausstellung-berlin-{n}")
    broken = stick / "zz-broken"
    broken.mkdir(parents=True)
    (broken / "show.yaml").write_text("slides: []\n", encoding="utf-8")
    menu = _folders_checked(kiosk, qtbot, 10)
    refused = next(b for b in menu.folder_buttons if b.property("path") == str(broken))
    while not refused.isVisible():
        menu.page_buttons["folders_more"].click()
    refused.click()
    assert refused.isVisible()
    reason, finding = menu.panel_lines[:2]
    assert finding.endswith("ошибка: в показе нет обязательного ключа 'settings'"), finding
    assert menu.style_ is not None
    font = menu.style_.font(Role.CAPTION)
    width = menu._panel.width()
    words = sum(TextBlock(line, font, width).height for line in (reason, finding))
    assert menu._lines_top() + words <= menu._lines_bottom


def _evening_show(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "show.yaml").write_text(
        "settings: {languages: [en], default_language: en, "
        "manifesto: 'https://releasenow.org/manifesto/', imprint: 'Test stand, Berlin'}\n"
        f"slides:\n  - {{id: {folder.name}, kind: title, headline: Evening programme}}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("language", ["de", "be"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_no_folder_button_moves_or_grows_as_the_checks_come_in(
    make_kiosk: object,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    language: str,
) -> None:
    """Staff reach for a folder while the others are still being checked: as each check's
    result appears on its button, no button grows and none below it jumps (in portrait every
    button under a checked one once moved down by a line, at de 328 to 391 px)."""
    kiosk = make_kiosk(staff_language=language, size=size)  # type: ignore[operator]
    for name in ("a-evening", "b-evening", "c-evening"):
        _evening_show(tmp_path / "media" / "stick" / name)
    # A show whose title is far longer than its folder's name, the room kept before its check.
    titled = tmp_path / "media" / "stick" / "e-talk"
    _evening_show(titled)
    long_title = (
        "Evening of solidarity with the political prisoners of Belarus, with readings of"
        " letters from prison and a conversation with their families"
    )
    show_file = titled / "show.yaml"
    show_file.write_text(
        show_file.read_text(encoding="utf-8").replace(
            "settings: {", f"settings: {{title: {{en: '{long_title}'}}, "
        ),
        encoding="utf-8",
    )
    broken = tmp_path / "media" / "stick" / "d-broken"
    broken.mkdir(parents=True)
    (broken / "show.yaml").write_text("slides: []\n", encoding="utf-8")
    release = threading.Event()
    real_load = folder_checks.load_show

    def load(path: Path, **options: object) -> LoadedShow:
        release.wait(180)  # every check waits until the list has been seen checking
        return real_load(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_checks, "load_show", load)
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["switch_folder"].click()
    menu = kiosk.staff.menu
    qtbot.waitUntil(lambda: len(menu.folder_buttons) == 6, timeout=CHECK_WAIT_MS)
    assert all("…" in b.text() for b in menu.folder_buttons)  # all still being checked
    checking = {b.property("path"): b.geometry() for b in menu.folder_buttons}
    release.set()
    checking_word = i18n.text("checking", language)
    qtbot.waitUntil(
        lambda: all(checking_word not in b.text() for b in menu.folder_buttons),
        timeout=2 * CHECK_WAIT_MS,
    )
    assert next(b for b in menu.folder_buttons if b.property("path") == str(broken)).refused
    talk = next(b for b in menu.folder_buttons if b.property("path") == str(titled))
    # Its title, cut short to the room kept for a title before the check read it.
    first_line = talk.text().split(" – ")[0].split(" — ")[0]
    assert first_line.startswith("Evening of solidarity with") and first_line.endswith("…")
    checked = {b.property("path"): b.geometry() for b in menu.folder_buttons}
    assert checked == checking
    for button in menu.folder_buttons:  # and every line of each result is inside its button
        label = button._label
        assert label is not None and label.height < button.height()


def test_a_late_check_from_before_a_switch_never_undoes_it(
    make_kiosk: object, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staff switch while another folder is still being checked; that check ends later."""
    kiosk = make_kiosk()  # type: ignore[operator]
    first = _evening_show(tmp_path / "media" / "stick" / "a-evening")
    slow = _evening_show(tmp_path / "media" / "stick" / "b-slow")
    release = threading.Event()
    real_load = folder_checks.load_show

    def load(path: Path, **options: object) -> LoadedShow:
        if path == slow:
            release.wait(180)  # a stick that answers late (the test releases it)
        return real_load(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_checks, "load_show", load)
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["switch_folder"].click()
    menu = kiosk.staff.menu
    qtbot.waitUntil(lambda: first in kiosk.staff.folders.results, timeout=CHECK_WAIT_MS)
    next(b for b in menu.folder_buttons if b.property("path") == str(first)).click()
    assert kiosk.window.state.folder == first
    with qtbot.waitSignal(kiosk.staff.folders.tasks.delivered, timeout=CHECK_WAIT_MS):
        release.set()  # the slow folder's check now ends, and its result arrives
    assert kiosk.window.state.folder == first
    assert slow not in kiosk.staff.folders.results
    assert [s.id for s in kiosk.window.state.show.slides] == ["a-evening"]


def test_a_folder_search_that_breaks_tells_staff_instead_of_checking_forever(
    make_kiosk: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]

    def broken(*_args: object) -> list[Path]:
        raise PermissionError("/media: permission denied")

    monkeypatch.setattr(folder_checks, "find_content_folders", broken)
    kiosk.staff.open_menu()
    kiosk.staff.menu.buttons["switch_folder"].click()
    qtbot.waitUntil(
        lambda: (
            "checking folders failed: /media: permission denied" in kiosk.staff.menu.panel_lines
        ),
        timeout=CHECK_WAIT_MS,
    )


def test_the_show_animates_on_while_the_folder_does_not_answer(
    make_kiosk: object,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A hung mount: listing the content folder blocks. Only the watcher's worker waits."""
    hang = threading.Event()

    def hung_listing(_folder: Path) -> None:
        hang.wait(30)

    monkeypatch.setattr(watcher, "folder_stamp", hung_listing)
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    frames: list[float] = []
    kiosk.window.stage.frame_painted.connect(lambda: frames.append(time.monotonic()))
    qtbot.waitUntil(lambda: "does not answer; still waiting" in caplog.text, timeout=10_000)
    kiosk.window.player.go(1)  # a transition: frames at the display's rate
    qtbot.waitUntil(lambda: len(frames) >= 20, timeout=2000)  # the show animates on
    assert kiosk.window.stage.in_transition or kiosk.window.state.landed
    hang.set()
    assert caplog.text.count("does not answer") == 1  # said once, not every poll


# -- live content -----------------------------------------------------------------------------


def _headline(kiosk: Kiosk, index: int = 0) -> str | None:
    texts = [i for i in kiosk.window.stage.view(index).text_items() if i.role == "headline"]
    return texts[0].text if texts else None


def test_edited_content_takes_over_from_the_first_slide_when_the_visitor_leaves(
    make_kiosk: object, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    show_file = kiosk.folder / "show.yaml"
    text = show_file.read_text(encoding="utf-8")
    show_file.write_text(text.replace("Wer sitzt in Haft?", "Wer ist in Haft?"), encoding="utf-8")
    assert kiosk.running.source.watcher is not None
    with qtbot.waitSignal(kiosk.running.source.watcher.show_ready, timeout=CHECK_WAIT_MS):
        pass
    assert _headline(kiosk, 6) == "Wer sitzt in Haft?"  # nothing changes mid-slide
    kiosk.window.player.visitor_input()
    kiosk.window.player.go(1)  # nor under a visitor's finger
    assert _headline(kiosk, 6) == "Wer sitzt in Haft?"
    kiosk.window.player.reset_to_start()  # the visitor has gone
    assert _headline(kiosk, 6) == "Wer ist in Haft?"
    assert kiosk.window.state.index == 0


def test_a_broken_edit_is_never_shown(
    make_kiosk: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.logs import RECENT_ERRORS

    monkeypatch.setattr(RECENT_ERRORS, "records", type(RECENT_ERRORS.records)(maxlen=10))
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    show_file = kiosk.folder / "show.yaml"
    show_file.write_text("settings: [this is\n  broken", encoding="utf-8")
    assert kiosk.running.source.watcher is not None
    logging.getLogger("kiosk").addHandler(RECENT_ERRORS)
    try:
        with qtbot.waitSignal(kiosk.running.source.watcher.show_rejected, timeout=CHECK_WAIT_MS):
            pass
    finally:
        logging.getLogger("kiosk").removeHandler(RECENT_ERRORS)
    kiosk.window.player.go(1)
    assert len(kiosk.window.state.show.slides) == 17
    assert kiosk.running.source.note().startswith("new content has errors")
    lines = kiosk.running.status.lines()
    assert any("is never closed" in line for line in lines)
    # An edit in progress is routine: named where the show's findings are, not an error.
    assert not any("content changed" in line for line in lines)


def test_a_pulled_folder_plays_on_from_memory(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    for index in range(3):  # what has been on screen is held in memory
        kiosk.window.stage.prepare(index)
    shutil.rmtree(kiosk.folder)
    assert kiosk.running.source.watcher is not None
    with qtbot.waitSignal(kiosk.running.source.watcher.folder_missing, timeout=CHECK_WAIT_MS):
        pass
    for _ in range(3):
        kiosk.window.player.go(1)
        render_frame(kiosk.window.stage)
    assert kiosk.window.state.index == 3
    assert "gone" in kiosk.running.source.note()


def test_the_overview_offers_the_shows_stories_and_nothing_else(make_kiosk: object) -> None:
    """The cards against the content file itself, read as plain YAML: every slide of kind
    story, in the file's order, and no title, quote, chart or code among them."""
    kiosk = make_kiosk()  # type: ignore[operator]
    raw = yaml.safe_load((DEFAULT_CONTENT / "show.yaml").read_text(encoding="utf-8"))
    stories = [slide["id"] for slide in raw["slides"] if slide["kind"] == "story"]
    assert len(stories) >= 3
    kiosk.window.open_stories()
    assert [card.story.id for card in kiosk.window.stories_overlay.cards] == stories


def test_a_rotated_screen_gets_a_new_layout(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    QTest.keyClick(window, Qt.Key.Key_Right)  # controls showing
    window.resize(720, 1280)  # the screen turned to portrait
    qtbot.waitUntil(lambda: window.stage.width() == 720)
    assert not window.stage.view(1).style.landscape
    controls = window.controls
    assert controls.geometry().bottom() == 1279
    # Two rows: previous/next above, language/stories/link below.
    assert controls.previous_button.y() < controls.stories_button.y()
    frame = render_frame(window.stage)
    assert (frame.width(), frame.height()) == (720, 1280)


class _OtherScreen:
    """A second screen, as Qt reports one: its size and the few facts the window asks for."""

    def __init__(
        self, name: str = "HDMI-2", rect: tuple[int, int, int, int] = (1280, 0, 1080, 1920)
    ):
        from PySide6.QtCore import QObject, QRect, QSizeF, Signal

        class Notifier(QObject):
            geometryChanged = Signal(QRect)  # noqa: N815 (Qt's name)

        self._notifier = Notifier()
        self.geometryChanged = self._notifier.geometryChanged
        self._rect = QRect(*rect)
        self._physical = QSizeF(0, 0)
        self._name = name

    def geometry(self) -> object:
        return self._rect

    def refreshRate(self) -> float:
        return 60.0

    def physicalSize(self) -> object:
        return self._physical

    def devicePixelRatio(self) -> float:
        return 1.0

    def name(self) -> str:
        return self._name


def test_losing_its_screen_moves_the_kiosk_to_the_other(
    make_kiosk: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    first = QGuiApplication.primaryScreen()
    window.lockdown.screen = first
    other = _OtherScreen()
    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: other))
    window.lockdown.screen_removed(first)
    assert window.lockdown.screen is other
    qtbot.waitUntil(lambda: window.geometry().width() == 1080)
    assert (window.geometry().x(), window.geometry().height()) == (1280, 1920)
    assert not window.stage.view(0).style.landscape


def test_the_kiosk_returns_to_its_screen_when_the_tv_comes_back(
    make_kiosk: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    tv = _OtherScreen("HDMI-1", (0, 0, 1280, 720))
    laptop = _OtherScreen("eDP-1", (1280, 0, 1080, 1920))
    window.show_on(tv, windowed=False, size=None)
    monkeypatch.setattr(QGuiApplication, "primaryScreen", staticmethod(lambda: laptop))
    window.lockdown.screen_removed(tv)  # the TV is switched off
    qtbot.waitUntil(lambda: window.geometry().x() == 1280)
    window.lockdown.screen_added(_OtherScreen("DP-3", (0, 0, 800, 600)))  # someone else's
    assert window.lockdown.screen is laptop
    back = _OtherScreen("HDMI-1", (0, 0, 1280, 720))
    window.lockdown.screen_added(back)  # the TV is on again: a new screen with the old name
    assert window.lockdown.screen is back
    qtbot.waitUntil(lambda: window.geometry().getRect() == (0, 0, 1280, 720), timeout=2000)
    assert window.windowState() & Qt.WindowState.WindowFullScreen


def test_lost_fullscreen_is_asked_for_again(
    make_kiosk: object, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    window = kiosk.window
    window.showFullScreen()
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    with caplog.at_level(logging.WARNING):
        window.showNormal()  # as labwc does when the output power-cycles
        qtbot.waitUntil(
            lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen), timeout=2000
        )
    assert "the window lost fullscreen; asking for it again" in caplog.text


# -- faults while running ---------------------------------------------------------------------


def test_a_renamed_folder_plays_on_from_memory(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    kiosk.folder.rename(kiosk.folder.with_name("show-old"))
    assert kiosk.running.source.watcher is not None
    with qtbot.waitSignal(kiosk.running.source.watcher.folder_missing, timeout=CHECK_WAIT_MS):
        pass
    kiosk.window.player.go(1)
    render_frame(kiosk.window.stage)
    assert kiosk.window.state.index == 1


def test_a_half_written_file_waits_for_the_rest(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    watcher_ = kiosk.running.source.watcher
    assert watcher_ is not None
    show_file = kiosk.folder / "show.yaml"
    full = show_file.read_text(encoding="utf-8").replace("Wer sitzt in Haft?", "Wer ist in Haft?")
    # The copy is under way: the file ends inside the bar chart slide.
    show_file.write_text(full[: full.index("    rows:")], encoding="utf-8")
    with qtbot.waitSignal(watcher_.show_rejected, timeout=CHECK_WAIT_MS):
        pass
    assert len(kiosk.window.state.show.slides) == 17  # never the half show
    show_file.write_text(full, encoding="utf-8")  # the copy has finished
    with qtbot.waitSignal(watcher_.show_ready, timeout=CHECK_WAIT_MS):
        pass
    kiosk.window.player.reset_to_start()
    assert _headline(kiosk, 6) == "Wer ist in Haft?"


def test_an_image_replaced_by_garbage(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk(watch=True)  # type: ignore[operator]
    index = [s.id for s in kiosk.window.state.show.slides].index("story-teacher")
    kiosk.window.player.jump_to(index)
    render_frame(kiosk.window.stage)
    (kiosk.folder / "images" / "teacher-post.svg").write_bytes(b"\x00garbage\xff" * 50)
    assert kiosk.running.source.watcher is not None
    with qtbot.waitSignal(kiosk.running.source.watcher.show_rejected, timeout=CHECK_WAIT_MS):
        pass
    assert any("teacher-post.svg" in d.format() for d in kiosk.running.source.findings)
    kiosk.window.player.set_language("en")  # forces a fresh layout of the current slide
    frame = render_frame(kiosk.window.stage)  # the picture is missing, nothing else
    assert not frame.isNull()


CLOCK_JUMP_SHOW = """\
settings:
  languages: [en]
  default_language: en
  slide_duration: 1
  reduced_motion: true
  manifesto: https://releasenow.org/manifesto/
slides:
  - {id: one, kind: title, headline: One}
  - {id: two, kind: title, headline: Two}
  - {id: three, kind: title, headline: Three}
  - {id: four, kind: title, headline: Four}
"""


def test_the_clock_jumping_never_stops_or_races_the_loop(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    """Only the loop's own timer moves the show here, as in a running kiosk; the clock the loop
    reads jumps an hour back, then a day forward."""
    (tmp_path / "show.yaml").write_text(CLOCK_JUMP_SHOW, encoding="utf-8")
    loaded = load_show(tmp_path)
    assert loaded.show is not None, loaded.report.format_text()
    clock = StepClock(10_000.0)
    window = KioskWindow(running_show(loaded.show, tmp_path, "en", clock=clock).player, families)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.start()
    clock.now -= 3600  # an hour back, before the first slide's time is up
    with qtbot.waitSignal(window.player.loop_checked, timeout=3000):
        pass  # the loop's timer fires: the slide is not due by the clock
    assert window.state.index == 0
    clock.now += 1.0  # the slide gets its second again, and no more
    qtbot.waitUntil(lambda: window.state.index == 1, timeout=3000)
    clock.now += 86_400  # a day forward
    qtbot.waitUntil(lambda: window.state.index == 2 and window.state.landed, timeout=3000)
    with qtbot.waitSignal(window.player.loop_checked, timeout=3000):
        pass  # the loop's timer fires again on slide 3
    assert window.state.index == 2  # one step, not a day's worth
    clock.now += 1.0
    qtbot.waitUntil(lambda: window.state.index == 3, timeout=3000)  # and the loop goes on


# -- staff screens: one language, the state in words, quitting asks once ---------------------

STAFF_KEYS = [
    "staff_pin",
    "staff_title",
    "resume",
    "pause_here",
    "reload",
    "switch_folder",
    "hide_story",
    "hide_help",
    "reduced_motion",
    "high_contrast",
    "quit",
    "quit_question",
    "quit_yes",
    "cancel",
    "hidden",
    "checking",
    "current_show",
    "not_switched",
    "status_content",
    "status_playing",
    "status_paused",
    "status_today",
    "status_no_errors",
    "note_rejected",
    "note_folder_gone",
]


@pytest.mark.parametrize("key", STAFF_KEYS)
def test_every_staff_text_exists_in_every_language(key: str) -> None:
    words = {code: i18n.text(key, code) for code in ("de", "en", "be", "ru")}
    assert words["en"] == i18n.SOURCE[key]
    # Each translated, not the English passed through; "PIN" is the same word in be and ru.
    assert all(words[code] != words["en"] for code in ("de", "be", "ru")) or key == "pin_enter"
    assert len({words[code] for code in ("be", "ru", "de")}) == 3 or key == "pin_enter"


@pytest.mark.parametrize(
    ("language", "quit_item"),
    [
        ("de", "Kiosk beenden…"),
        ("en", "Quit the kiosk…"),
        ("be", "Завяршыць працу кіёска…"),
        ("ru", "Завершить работу киоска…"),
    ],
    ids=["de", "en", "be", "ru"],
)
def test_quitting_the_kiosk_is_not_said_with_the_verb_that_closes_the_menu(
    language: str, quit_item: str
) -> None:
    """The menu's quit item, its question and the answer that quits say that the kiosk
    stops, never with the verb of "Close" beside it (it read "Закрыть киоск…" next to
    "Закрыть")."""
    assert i18n.text("quit", language) == quit_item
    close = i18n.text("close", language).casefold()
    for key in ("quit", "quit_question", "quit_yes"):
        words = re.findall(r"\w+", i18n.text(key, language).casefold())
        assert close not in words, (key, i18n.text(key, language))


@pytest.mark.parametrize(
    ("language", "resume", "status_start", "today"),
    [
        (
            "de",
            "Weiter abspielen",
            "Inhalt: ",
            "Heute: Folien gezeigt: N · Geschichten geöffnet: N · Link-Code geöffnet: N · "
            "Sprache gewechselt: N · Besuche: N",
        ),
        (
            "be",
            "Працягнуць паказ",
            "Змесціва: ",
            "Сёння: паказана слайдаў: N · адкрыта гісторый: N · адкрыта код спасылкі: N · "
            "зменена мова: N · наведванняў: N",
        ),
        (
            "ru",
            "Продолжить показ",
            "Содержимое: ",
            "Сегодня: показано слайдов: N · открыто историй: N · открыт код ссылки: N · "
            "сменён язык: N · посещений: N",
        ),
        (
            "en",
            "Resume",
            "Content: ",
            "Today: slides shown: N · stories opened: N · link code opened: N · "
            "language changed: N · visits: N",
        ),
    ],
    ids=["de", "be", "ru", "en"],
)
def test_the_staff_screen_speaks_the_kiosk_s_language(
    make_kiosk: object, language: str, resume: str, status_start: str, today: str
) -> None:
    kiosk = make_kiosk(language=language)  # type: ignore[operator]
    kiosk.staff.open_menu()
    menu = kiosk.staff.menu
    assert menu.buttons["resume"].text() == resume
    assert any(line.startswith(status_start) for line in menu.panel_lines)
    # Today's counts in words of that language, never the program's own names (qr_shown,
    # language_chosen, sessions), in every language: English has words of its own too.
    counts = [re.sub(r"\d+", "N", line) for line in menu.panel_lines]
    assert today in counts, "\n".join(menu.panel_lines)
    names = ("slides_shown", "stories_opened", "qr_shown", "language_chosen", "sessions")
    assert not [line for line in menu.panel_lines if any(name in line for name in names)]


def test_the_staff_screen_keeps_its_language_when_a_visitor_changes_theirs(
    make_kiosk: object,
) -> None:
    kiosk = make_kiosk(language="de")  # type: ignore[operator]
    kiosk.window.player.set_language("ru")  # the last visitor read in Russian
    kiosk.staff.open_menu()
    assert kiosk.staff.menu.buttons["resume"].text() == "Weiter abspielen"
    assert kiosk.staff.menu.panel_lines[1].startswith("Inhalt: ")


def test_a_staff_language_in_kiosk_toml_wins(make_kiosk: object) -> None:
    kiosk = make_kiosk(language="ru", staff_language="de")  # type: ignore[operator]
    kiosk.staff.open_menu()
    assert kiosk.staff.menu.buttons["resume"].text() == "Weiter abspielen"
    assert kiosk.staff.menu.panel_lines[1].startswith("Inhalt: ")


def test_hidden_stories_are_named_by_title_in_status(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.window.player.set_story_hidden("story-teacher", True)
    kiosk.staff.open_menu()
    assert "Ausgeblendete Geschichten: Eine Lehrerin" in kiosk.staff.menu.panel_lines


def test_a_paused_kiosk_says_so_and_stops_inviting(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.window.player.wall_clock = lambda: datetime.datetime(2026, 5, 21, 14, 32)
    kiosk.staff.open_menu()
    kiosk.staff.act("pause_here")
    kiosk.staff.open_menu()
    assert "Angehalten seit 14:32 auf Folie 1 von 17" in kiosk.staff.menu.panel_lines
    # On the stage's band: a pause sign where "touch to explore" was.
    kiosk.staff.menu.hide()
    stage, state = kiosk.window.stage, kiosk.window.state
    state.set_mode(Mode.ATTRACT)  # the visitor session is over: the band shows
    assert state.held
    stage.band.hint_key = None
    stage.grab()
    assert stage.band.hint_key is None  # the invitation was not drawn
    kiosk.staff.open_menu()
    kiosk.staff.act("resume")
    state.set_mode(Mode.ATTRACT)
    stage.grab()
    assert not state.held and stage.band.hint_key is not None


def test_quit_asks_once_before_the_kiosk_ends(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.open_menu()
    menu = kiosk.staff.menu
    quits = kiosk.quits
    menu.buttons["quit"].click()
    assert quits == [] and menu.asking
    assert menu.panel_lines == ["Kiosk beenden? Er startet nicht von selbst neu."]
    menu.cancel_button.click()
    assert quits == [] and not menu.asking and menu.isVisible()
    # Quit stands apart from the other items, at the bottom of the column.
    others = [b for name, b in menu.buttons.items() if name != "quit"]
    assert menu.buttons["quit"].y() - max(b.geometry().bottom() for b in others) > 100
    menu.buttons["quit"].click()
    menu.confirm_button.click()
    assert quits == [True]


def test_staff_access_switches_are_kept_across_a_restart(make_kiosk: object) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    kiosk.staff.open_menu()
    kiosk.staff.act("high_contrast")
    kiosk.staff.act("reduced_motion")
    state = KioskState.load(kiosk.state_path)
    assert state.high_contrast and state.reduced_motion
    restarted = make_kiosk()  # type: ignore[operator]
    assert restarted.window.state.high_contrast
    assert restarted.window.state.reduced_motion
    restarted.staff.open_menu()
    assert restarted.staff.menu.buttons["high_contrast"].selected


def test_holding_the_corner_shows_its_progress(make_kiosk: object, qtbot: QtBot) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    ring = kiosk.staff.hold_ring
    QTest.mousePress(kiosk.window.stage, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert ring.isVisible()
    qtbot.waitUntil(lambda: ring.progress() > 0.05, timeout=2000)
    assert ring.progress() < 1.0 and not kiosk.staff.menu.isVisible()  # not yet held long enough
    QTest.mouseRelease(kiosk.window.stage, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert not ring.isVisible()


def test_hide_stories_says_what_a_tap_does(make_kiosk: object) -> None:
    kiosk = make_kiosk(language="en")  # type: ignore[operator]
    kiosk.staff.open_menu()
    kiosk.staff.act("hide_story")
    overview = kiosk.window.stories_overlay
    assert overview._help is not None
    assert overview._help.text.startswith("Tap a story to hide it or to show it again.")


def test_a_pause_holds_its_slide_through_visitors_and_their_leaving(
    make_kiosk: object, qtbot: QtBot
) -> None:
    kiosk = make_kiosk()  # type: ignore[operator]
    window, state = kiosk.window, kiosk.window.state
    window.player.jump_to(3)
    qtbot.waitUntil(lambda: state.landed, timeout=3000)
    kiosk.staff.open_menu()
    kiosk.staff.act("pause_here")
    # The menu closes onto the held slide as passers-by see it: a pause sign, no controls.
    assert state.held and state.index == 3
    assert not window.controls.isVisible() and window.stage.show_band
    # A visitor comes, looks elsewhere, and leaves: the kiosk goes back to the held slide.
    window.player.visitor_input()
    window.player.go(2)
    qtbot.waitUntil(lambda: state.index == 5 and state.landed, timeout=3000)
    window.player.reset_to_start()  # what the end of the idle countdown does
    qtbot.waitUntil(lambda: state.index == 3 and state.landed, timeout=3000)
    assert state.held and state.mode is Mode.ATTRACT
    # Let go, the loop plays on from there.
    kiosk.staff.open_menu()
    kiosk.staff.act("resume")
    assert not state.held


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("staff_language", ["de", "en", "be", "ru"])
def test_the_staff_switches_stand_in_line_inside_their_buttons(
    make_kiosk: object, staff_language: str, size: tuple[int, int]
) -> None:
    """The on/off switches of the staff menu end at the same place, clear of their buttons'
    edges, whatever their labels' lengths (their tracks once ran onto the edge, each at
    another place)."""
    kiosk = make_kiosk(staff_language=staff_language, size=size)  # type: ignore[operator]
    kiosk.staff.open_menu()
    switches = [b for b in kiosk.staff.menu.buttons.values() if b.is_switch]
    assert len(switches) == 2
    tracks = [b.switch_track().translated(b.pos().toPointF()) for b in switches]
    assert tracks[0].right() == tracks[1].right() and tracks[0].left() == tracks[1].left()
    for button, track in zip(switches, tracks, strict=True):
        inside = button.geometry().toRectF().adjusted(10, 10, -10, -10)
        assert inside.contains(track), (button.text(), track, button.geometry())


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("staff_language", ["de", "en", "be", "ru"])
def test_the_quit_question_is_asked_beside_its_button_with_answers_that_say_what_they_do(
    make_kiosk: object, staff_language: str, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk(staff_language=staff_language, size=size)  # type: ignore[operator]
    kiosk.staff.open_menu()
    menu = kiosk.staff.menu
    quit_button = menu.buttons["quit"]
    quit_button.click()
    confirm, cancel, close = menu.confirm_button, menu.cancel_button, menu.close_button
    # No answer reads like the menu's own close button, and the two answers differ.
    labels = {confirm.text(), cancel.text(), close.text()}
    assert len(labels) == 3, labels
    assert not confirm.text().startswith(close.text()), (confirm.text(), close.text())
    # The one that quits is marked; the other is not.
    assert confirm.selected and not cancel.selected
    # Every button on screen, none over another: a second tap where one was never lands on
    # an answer that was not there (on a portrait screen "Yes, quit" once covered "Close").
    shown = [b for b in (confirm, cancel, close, *menu.buttons.values()) if b.isVisible()]
    screen = menu.rect()
    for n, button in enumerate(shown):
        assert screen.contains(button.geometry()), (button.text(), button.geometry(), screen)
        for other in shown[n + 1 :]:
            assert not button.geometry().intersects(other.geometry()), (button.text(), other.text())
    # The answers are within reach of the hand that asked: in the quit button's row, or, where
    # the row has no room for them, right above it, the one that quits the further away.
    assert cancel.x() > quit_button.geometry().right()
    if confirm.y() == cancel.y():
        assert cancel.y() == quit_button.y() and confirm.x() > cancel.geometry().right()
    else:
        assert confirm.geometry().bottom() < cancel.y() < quit_button.y()
        assert quit_button.y() - confirm.y() < 3 * quit_button.height() + 60


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
@pytest.mark.parametrize("staff", [False, True], ids=["visitor", "staff hiding stories"])
def test_cards_that_scroll_show_a_third_of_the_next_row(
    make_kiosk: object, size: tuple[int, int], language: str, staff: bool
) -> None:
    """A grid that runs on below its panel says so: the row it cuts shows a third of itself
    at least, not a hair or nothing (the fifth story was out of sight with no sign)."""
    kiosk = make_kiosk(language=language, size=size)  # type: ignore[operator]
    overview = kiosk.window.stories_overlay
    if staff:
        kiosk.staff.open_menu()
        kiosk.staff.act("hide_story")
    else:
        kiosk.window.player.visitor_input()
        kiosk.window.open_overlay(overview)
    assert overview.isVisible()
    viewport = overview.viewport
    cards = [overview.screen_rect(card) for card in overview.cards]
    below = [rect for rect in cards if rect.bottom() > viewport.bottom()]
    if below:
        shown = viewport.bottom() - below[0].top()
        assert shown >= 0.3 * below[0].height(), (shown, below[0].height())


def _staff_places(kiosk: Kiosk) -> dict[str, QRect]:
    """Where every button of the staff screens is: the menu, the quit question's answers and
    the PIN pad's keys."""
    staff, window = kiosk.staff, kiosk.window
    staff.open_menu()
    menu = staff.menu
    places = {name: button.geometry() for name, button in menu.buttons.items()}
    places["close"] = menu.close_button.geometry()
    menu.buttons["quit"].click()
    assert menu.asking
    places["yes"] = menu.confirm_button.geometry()
    places["no"] = menu.cancel_button.geometry()
    menu.dismiss()
    window.open_overlay(staff.pin_pad, by_staff=True)
    places |= {f"PIN {key}": button.geometry() for key, button in staff.pin_pad.keys.items()}
    places["PIN close"] = staff.pin_pad.close_button.geometry()
    staff.pin_pad.dismiss()
    return places


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("staff_language", ["be", "ru"])
def test_a_visitor_s_larger_text_stays_out_of_the_staff_screens(
    make_kiosk: object, staff_language: str, size: tuple[int, int]
) -> None:
    """Staff who come while a visitor's A+ is on find every button of the menu, the quit
    question and the PIN pad where it always is, in the kiosk's own type, between the margins
    the slides keep (in Russian portrait "Нет, показывать дальше" once ended at x 1098 of
    1080)."""
    kiosk = make_kiosk(staff_language=staff_language, size=size)  # type: ignore[operator]
    normal = _staff_places(kiosk)
    kiosk.window.player.visitor_input()
    kiosk.window.controls.text_button.click()  # the visitor taps A+ and leaves it on
    assert kiosk.window.state.large_text
    larger = _staff_places(kiosk)
    assert kiosk.window.state.large_text
    assert larger == normal
    width, height = size
    margin = kiosk.window.stage.style().margin_x
    for name, place in larger.items():
        assert place.left() >= margin - 1, (name, place)
        assert place.right() <= width - margin + 1, (name, place)
        assert place.top() >= 0 and place.bottom() < height, (name, place)
