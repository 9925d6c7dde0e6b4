"""What staff are told about trust: which version plays, whether shows are verified, why the
menu stays shut when the PIN cannot be used."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.content.signing import SecretKey, Trust, sign_folder
from kiosk.content.store import ShowStore
from kiosk.paths import DEFAULT_CONTENT
from kiosk.settings import LocalSettings
from kiosk.staff.mode import StaffMode
from kiosk.ui.window import KioskWindow
from tests.pieces import running_show, staff_mode

KEY = SecretKey.generate()
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def staff_on(qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]) -> Callable[..., StaffMode]:
    def make(settings: LocalSettings, signed: bool = False) -> StaffMode:
        folder = tmp_path / "show"
        shutil.copytree(DEFAULT_CONTENT, folder)
        if signed:
            sign_folder(folder, KEY, "Stand Berlin, 21 May")
        loaded = ShowStore(tmp_path / "shows").take(folder, settings.trust)
        assert loaded.show is not None
        running = running_show(loaded, trust=settings.trust)
        window = KioskWindow(running.player, families, locked=True)
        qtbot.addWidget(window, before_close_func=lambda w: w.lockdown.release())
        window.resize(1280, 720)
        window.show()
        window.start()
        qtbot.waitExposed(window)
        return staff_mode(window, running, settings)

    return make


def test_staff_read_that_shows_are_not_verified(staff_on: Callable[..., StaffMode]) -> None:
    staff = staff_on(LocalSettings(staff_pin="2105", staff_language="en"))
    lines = staff.status.lines("en")
    assert "Shows are not verified: kiosk.toml lists no trusted_keys" in lines
    assert any(line.startswith("Version: not signed, fingerprint ") for line in lines)


def test_staff_read_which_signed_version_plays(staff_on: Callable[..., StaffMode]) -> None:
    settings = LocalSettings(staff_pin="2105", trusted_keys=(KEY.public(),))
    staff = staff_on(settings, signed=True)
    lines = staff.status.lines("de")
    version = next(line for line in lines if line.startswith("Version: "))
    assert f"signiert mit Schlüssel {KEY.public().id_text} (Stand Berlin, 21 May)" in version
    assert not any("nicht geprüft" in line for line in lines)


def test_staff_read_that_no_new_show_may_play(
    staff_on: Callable[..., StaffMode], tmp_path: Path
) -> None:
    staff = staff_on(LocalSettings(staff_pin="2105"))
    staff.source.trust = Trust(refusal="kiosk.toml cannot be used as it is")
    assert (
        "No new show may play: kiosk.toml or a key in it cannot be read (see the log); "
        "only the last signed show plays"
    ) in staff.status.lines("en")
    # And a live change now plays only if it satisfies that: nothing does.
    assert load_show(tmp_path / "show", trusted_keys=staff.source.trust).show is None


def test_a_pin_that_cannot_be_used_keeps_the_menu_shut_and_says_why(
    staff_on: Callable[..., StaffMode],
) -> None:
    staff = staff_on(LocalSettings(staff_pin=None, pin_refused=True, staff_language="en"))
    QTest.keyClick(staff.window, Qt.Key.Key_K, CTRL_ALT)
    assert staff.pin_pad.isVisible() and not staff.menu.isVisible()
    assert staff.pin_pad.message.startswith("The staff menu stays shut: the PIN in kiosk.toml")
    assert not any(button.isEnabled() for button in staff.pin_pad.keys.values())
    QTest.keyClicks(staff.window, "0000")
    QTest.keyClick(staff.window, Qt.Key.Key_Return)
    assert not staff.menu.isVisible()
