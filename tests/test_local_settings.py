"""The kiosk's own settings, memory, PIN and folder search: never from the content folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.folders import find_content_folders
from kiosk.playback.kept import KioskState
from kiosk.settings import LocalSettings
from kiosk.staff.pin_gate import PinGate
from tests.clocks import StepClock


def test_pin_from_settings_file_or_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("KIOSK_STAFF_PIN", raising=False)
    assert LocalSettings.load().staff_pin is None
    (tmp_path / "kiosk.toml").write_text('staff_pin = "2105"\ncontent_roots = ["/srv/shows"]\n')
    settings = LocalSettings.load()
    assert settings.staff_pin == "2105"
    assert settings.content_roots == (Path("/srv/shows"),)
    monkeypatch.setenv("KIOSK_STAFF_PIN", "987654")
    assert LocalSettings.load().staff_pin == "987654"


def test_a_bad_pin_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("KIOSK_STAFF_PIN", "12")
    settings = LocalSettings.load()
    assert settings.staff_pin is None and settings.pin_refused
    assert settings.problems == (
        "the staff PIN must be 4 to 12 digits, written in quotes in kiosk.toml "
        '(staff_pin = "0123"); the staff menu stays shut until it is',
    )


def test_a_turned_panel_is_read_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    assert LocalSettings.load().rotate == 0
    (tmp_path / "kiosk.toml").write_text("rotate = 90\n")
    assert LocalSettings.load().rotate == 90
    (tmp_path / "kiosk.toml").write_text("rotate = 45\n")
    settings = LocalSettings.load()
    assert settings.rotate == 0
    assert settings.problems[0] == (
        f"{tmp_path / 'kiosk.toml'}: rotate must be one of 0, 90, 180, 270 (degrees clockwise)"
    )
    assert settings.denied  # a setting that cannot be used, whichever: no new show plays


def test_hidden_stories_are_remembered(tmp_path: Path) -> None:
    state = KioskState.load(tmp_path / "state.json")
    state.set_hidden("story-teacher", True)
    assert KioskState.load(tmp_path / "state.json").hidden_stories == {"story-teacher"}
    state.set_hidden("story-teacher", False)
    assert KioskState.load(tmp_path / "state.json").hidden_stories == set()


def test_a_damaged_state_file_is_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{not json")
    assert KioskState.load(tmp_path / "state.json").hidden_stories == set()


def test_five_wrong_pins_lock_the_pad_for_a_minute() -> None:
    clock = StepClock()
    gate = PinGate("2105", clock)
    for left in (4, 3, 2, 1):
        assert not gate.check("0000")
        assert gate.attempts_left() == left
    assert not gate.check("0000")
    assert gate.locked_for() == 60
    assert not gate.check("2105")  # even the right PIN waits
    clock.now = 60 - 0.5  # the promise (docs/security.md): locked for a minute
    assert gate.locked_for() == 1
    clock.now = 60
    assert gate.check("2105")


def test_content_folders_under_the_roots(tmp_path: Path) -> None:
    current = tmp_path / "current"
    current.mkdir()
    (current / "show.yaml").write_text("x")
    stick = tmp_path / "media" / "kiosk" / "USB-STICK" / "berlin-2026"
    stick.mkdir(parents=True)
    (stick / "show.yaml").write_text("x")
    (tmp_path / "media" / "kiosk" / "USB-STICK" / "photos").mkdir()
    found = find_content_folders((tmp_path / "media", tmp_path / "nowhere"), current)
    assert found == [current, stick]


def test_staff_language_is_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    (tmp_path / "kiosk.toml").write_text('staff_language = "be"\n')
    assert LocalSettings.load().staff_language == "be"
    (tmp_path / "kiosk.toml").write_text('staff_language = "Deutsch"\n')
    settings = LocalSettings.load()
    assert settings.staff_language is None
    assert settings.problems[0] == (
        f"{tmp_path / 'kiosk.toml'}: staff_language must be one of de, en, be, ru"
    )


def test_staff_access_switches_are_remembered(tmp_path: Path) -> None:
    state = KioskState.load(tmp_path / "state.json")
    assert not state.high_contrast and not state.reduced_motion
    assert state.set_access(reduced_motion=False, high_contrast=True)
    again = KioskState.load(tmp_path / "state.json")
    assert again.high_contrast and not again.reduced_motion


def test_the_status_folder_is_read_relative_to_kiosk_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    assert LocalSettings.load(quiet=True).status_folder is None
    (tmp_path / "kiosk.toml").write_text('status_folder = "fleet"\n')
    assert LocalSettings.load(quiet=True).status_folder == tmp_path / "fleet"
    (tmp_path / "kiosk.toml").write_text("status_folder = 5\n")
    settings = LocalSettings.load(quiet=True)
    assert settings.status_folder is None
    assert any("status_folder must be the path of a folder" in p for p in settings.problems)


def test_the_screen_s_size_is_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    assert LocalSettings.load(quiet=True).screen_inches is None
    (tmp_path / "kiosk.toml").write_text("screen_inches = 15.6\n")
    assert LocalSettings.load(quiet=True).screen_inches == 15.6
    (tmp_path / "kiosk.toml").write_text("screen_inches = 24\n")
    assert LocalSettings.load(quiet=True).screen_inches == 24.0
    (tmp_path / "kiosk.toml").write_text("screen_inches = 3.5\n")  # a Pi's small display
    assert LocalSettings.load(quiet=True).screen_inches == 3.5
    for wrong in ('"15.6 inch"', "0.5", "500", "true"):
        (tmp_path / "kiosk.toml").write_text(f"screen_inches = {wrong}\n")
        settings = LocalSettings.load(quiet=True)
        assert settings.screen_inches is None, wrong
        assert any("screen_inches must be the screen's diagonal" in p for p in settings.problems)


def test_sound_is_allowed_only_when_kiosk_toml_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path))
    assert LocalSettings.load(quiet=True).allow_sound is False
    (tmp_path / "kiosk.toml").write_text("allow_sound = true\n")
    settings = LocalSettings.load(quiet=True)
    assert settings.allow_sound is True
    assert not settings.problems
    for wrong in ('"yes"', "1"):
        (tmp_path / "kiosk.toml").write_text(f"allow_sound = {wrong}\n")
        settings = LocalSettings.load(quiet=True)
        assert settings.allow_sound is False, wrong  # fails closed: muted
        assert any("allow_sound must be true or false" in p for p in settings.problems)
        assert settings.denied  # like every kiosk.toml that cannot be used as it is
