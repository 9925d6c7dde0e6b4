"""kiosk.toml that cannot be read, parsed or typed never widens what may play or who may reach
the staff menu: the kiosk then trusts no key at all and says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.content import load_show
from kiosk.content.signing import SecretKey, sign_folder
from kiosk.paths import DEFAULT_CONTENT
from kiosk.settings import LocalSettings

KEY = SecretKey.generate()
LINE = KEY.public().line()


@pytest.fixture
def signed_by_stranger(tmp_path: Path) -> Path:
    """A show signed by a key no kiosk trusts: what a forger brings."""
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    sign_folder(show, SecretKey.generate(), "a stranger")
    return show


BROKEN = {
    "a PIN written as a number with a leading zero": b"staff_pin = 0123\n",
    "Latin-1 bytes": 'name = "Stand Köln"\n'.encode("latin-1"),
    "a key given twice": f'trusted_keys = ["{LINE}"]\ntrusted_keys = []\n'.encode(),
    "trusted_keys as a string": f'trusted_keys = "{LINE}"\n'.encode(),
    "trusted_keys with a number": f'trusted_keys = ["{LINE}", 1]\n'.encode(),
    "a misspelt setting": f'trusted_key = ["{LINE}"]\n'.encode(),
    "an empty key": b'trusted_keys = [""]\n',
    "the secret key by mistake": ("trusted_keys = [" + repr(KEY.file_text()) + "]\n").encode(),
    "a key file that is missing": b'trusted_keys = ["/nowhere/release-now.pub"]\n',
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_kiosk_toml_that_cannot_be_used_lets_no_show_play(
    kiosk_config: Path, signed_by_stranger: Path, case: str
) -> None:
    (kiosk_config / "kiosk.toml").write_bytes(BROKEN[case])
    settings = LocalSettings.load()
    assert settings.denied, "the kiosk would play anything"
    assert settings.trust.keys == ()
    assert settings.problems[-1].endswith("(the last good signed show plays meanwhile)")
    loaded = load_show(signed_by_stranger, trusted_keys=settings.trust)
    assert loaded.show is None
    assert "cannot be used as it is, so no new show may play" in loaded.report.format_text()


def test_a_misspelt_setting_is_named_with_the_right_one(kiosk_config: Path) -> None:
    (kiosk_config / "kiosk.toml").write_text(f'trusted_key = ["{LINE}"]\n')
    assert any(
        "unknown setting 'trusted_key' (did you mean 'trusted_keys'?)" in p
        for p in LocalSettings.load().problems
    )


def test_a_kiosk_toml_that_is_a_folder_denies(kiosk_config: Path) -> None:
    (kiosk_config / "kiosk.toml").mkdir()
    settings = LocalSettings.load()
    assert settings.denied and settings.pin_refused


def test_a_byte_order_mark_as_notepad_writes_it_is_fine(kiosk_config: Path) -> None:
    (kiosk_config / "kiosk.toml").write_bytes(
        b"\xef\xbb\xbf" + f'staff_pin = "2105"\ntrusted_keys = ["{LINE}"]\n'.encode()
    )
    settings = LocalSettings.load()
    assert settings.denied == "" and settings.problems == ()
    assert settings.trust.keys == (KEY.public(),) and settings.staff_pin == "2105"


@pytest.mark.parametrize("pin", ['"2105-7"', '"123"', "2105", '"1234567890123"'])
def test_a_malformed_pin_keeps_the_menu_shut_and_the_show_playing(
    kiosk_config: Path, pin: str
) -> None:
    (kiosk_config / "kiosk.toml").write_text(f"staff_pin = {pin}\n")
    settings = LocalSettings.load()
    assert settings.staff_pin is None and settings.pin_refused
    assert any("the staff menu stays shut" in p for p in settings.problems)
    # The PIN is the only thing wrong: shows still play as before.
    assert settings.denied == ""


def test_a_malformed_pin_from_the_environment_keeps_the_menu_shut(
    kiosk_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_STAFF_PIN", "21O5")
    assert LocalSettings.load().pin_refused


def test_no_test_reads_the_real_configuration() -> None:
    """The suite's autouse fixture: a developer's own kiosk.toml changes no test."""
    from kiosk.settings import config_dir, data_dir

    home = Path.home()
    for folder in (config_dir(), data_dir(), Path(os.environ["KIOSK_LOG_DIR"])):
        assert not folder.is_relative_to(home / ".config")
        assert not folder.is_relative_to(home / ".local")


def test_a_key_file_is_found_beside_kiosk_toml_whatever_the_working_folder(
    kiosk_config: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (kiosk_config / "organisers.pub").write_text(f"untrusted comment: key\n{LINE}\n")
    (kiosk_config / "kiosk.toml").write_text('trusted_keys = ["organisers.pub"]\n')
    monkeypatch.chdir(tmp_path)
    assert LocalSettings.load().trust.keys == (KEY.public(),)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_as_key_file_denies_instead_of_hanging(kiosk_config: Path) -> None:
    import threading

    os.mkfifo(kiosk_config / "organisers.pub")
    (kiosk_config / "kiosk.toml").write_text('trusted_keys = ["organisers.pub"]\n')
    result: list[LocalSettings] = []
    thread = threading.Thread(target=lambda: result.append(LocalSettings.load()), daemon=True)
    thread.start()
    thread.join(20)
    assert result and result[0].denied
