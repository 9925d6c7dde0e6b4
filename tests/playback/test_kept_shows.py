"""What plays is the copy that was checked: pictures swapped later never reach the screen, and a
kiosk restarted on a broken folder plays its last good show instead of going dark."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.signing import SecretKey, sign_folder
from kiosk.content.store import ShowStore
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.slides import ImageStore
from tests.pieces import running_show
from tests.playback.test_signed_shows import MAIN, _kiosk_env

KEY = SecretKey.generate()
PICTURE = "images/teacher-post.svg"
# A picture of another shape: what an attacker swaps in after the check.
SWAPPED = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">'
    '<rect width="400" height="40"/></svg>'
)


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    return folder


def test_a_picture_swapped_after_the_check_is_never_drawn(
    qtbot: QtBot, show: Path, tmp_path: Path
) -> None:
    store = ShowStore(tmp_path / "shows")
    loaded = store.take(show)
    assert loaded.show is not None and loaded.files != show
    controller = running_show(loaded.show, show, "de", files=loaded.files, store=store)
    before = ImageStore(controller.state.files).fitted(PICTURE, 300, 300)
    assert before is not None
    (show / PICTURE).write_text(SWAPPED)
    after = ImageStore(controller.state.files).fitted(PICTURE, 300, 300)
    assert after is not None
    assert (after.width(), after.height()) == (before.width(), before.height())
    assert ImageStore(show).fitted(PICTURE, 300, 300).height() < before.height() / 3  # type: ignore[union-attr]


def test_the_same_show_is_kept_once_and_two_versions_at_most(show: Path, tmp_path: Path) -> None:
    store = ShowStore(tmp_path / "shows")
    first = store.take(show)
    store.accept(first)
    written = {p: p.stat().st_mtime_ns for p in first.files.rglob("*")}
    again = store.take(show)
    assert again.files == first.files and again.show is not None
    # Read again, not written again: a restart on the same show spares the SD card.
    assert {p: p.stat().st_mtime_ns for p in again.files.rglob("*")} == written
    for _ in range(2):
        text = (show / "show.yaml").read_text(encoding="utf-8")
        (show / "show.yaml").write_text(text.replace("JETZT", "JETZT!"), encoding="utf-8")
        store.accept(store.take(show))
    kept = sorted(p.name for p in (tmp_path / "shows").iterdir() if p.is_dir())
    assert len(kept) == 2 and first.files.name not in kept


def test_a_changed_kept_copy_is_not_played(show: Path, tmp_path: Path) -> None:
    store = ShowStore(tmp_path / "shows")
    loaded = store.take(show)
    store.accept(loaded)
    (loaded.files / PICTURE).write_text(SWAPPED)
    assert store.last_good() is None


def test_a_show_read_again_over_a_changed_kept_copy_plays_from_the_new_copy(
    show: Path, tmp_path: Path
) -> None:
    """The same show taken again after its kept copy was changed: the copy is read anew and
    checked, and that checked copy, not the changed one, is what the kiosk draws from."""
    store = ShowStore(tmp_path / "shows")
    loaded = store.take(show)
    store.accept(loaded)
    (loaded.files / PICTURE).write_text(SWAPPED)
    again = store.take(show)
    assert again.show is not None and again.files == loaded.files
    assert (again.files / PICTURE).read_bytes() == (show / PICTURE).read_bytes()


def test_a_kept_unsigned_show_does_not_play_once_keys_are_trusted(
    show: Path, tmp_path: Path
) -> None:
    store = ShowStore(tmp_path / "shows")
    store.accept(store.take(show))
    assert store.last_good() is not None
    assert store.last_good([KEY.public()]) is None
    sign_folder(show, KEY, "signed")
    store.accept(store.take(show, [KEY.public()]))
    kept = store.last_good([KEY.public()])
    assert kept is not None and kept.verdict is not None and kept.verdict.ok


def _run_until_playing(tmp_path: Path, folder: Path) -> str:
    process = subprocess.Popen(
        [sys.executable, str(MAIN), "--windowed", "--content", str(folder)],
        env=_kiosk_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log = tmp_path / "log" / "kiosk.log"
    try:
        # Generous: on aarch64 under emulation (make test-pi) the start and its checking
        # process each run several times slower than on a Pi.
        deadline = time.monotonic() + 120
        while "slides) in '" not in (log.read_text(errors="replace") if log.exists() else ""):
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the kiosk did not start playing"
            time.sleep(0.2)
    finally:
        process.terminate()
        code = process.wait(timeout=20)
    assert code == 0
    text = log.read_text(errors="replace")
    log.unlink()
    return text


@pytest.mark.parametrize("damage", ["half-synced", "tampered", "stick pulled"])
def test_a_kiosk_restarted_on_a_broken_folder_plays_its_last_good_show(
    tmp_path: Path, show: Path, damage: str
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.toml").write_text(f'trusted_keys = ["{KEY.public().line()}"]\n')
    sign_folder(show, KEY, "the organisers' show")
    first = _run_until_playing(tmp_path, show)
    assert "now playing the show from" in first and f"signed by key {KEY.public().id_text}" in first
    if damage == "half-synced":
        (show / "show.yaml").write_text("settings:\n  languages: [de\n")
    elif damage == "tampered":
        text = (show / "show.yaml").read_text(encoding="utf-8")
        (show / "show.yaml").write_text(text.replace("JETZT", "NIE"), encoding="utf-8")
    else:
        shutil.rmtree(show)
    second = _run_until_playing(tmp_path, show)
    assert "playing the last good show instead" in second, second
    assert f"signed by key {KEY.public().id_text}" in second


def _sign(folder: Path, key_file: Path, *extra: str) -> int:
    from kiosk import cli

    return cli.main(["sign", str(folder), "--key", str(key_file), *extra])


def test_kiosk_sign_counts_versions_up_not_by_the_clock(tmp_path: Path, show: Path) -> None:
    from kiosk.content.signing import comment_version

    key_file = tmp_path / "organisers.key"
    key_file.write_text(KEY.file_text())

    def signed_version(folder: Path) -> int:
        lines = (folder / "show.manifest.minisig").read_text().splitlines()
        return comment_version(lines[2].removeprefix("trusted comment: "))

    assert _sign(show, key_file) == 0 and signed_version(show) == 1
    assert _sign(show, key_file) == 0 and signed_version(show) == 2
    other = tmp_path / "other"
    shutil.copytree(DEFAULT_CONTENT, other)
    assert _sign(other, key_file) == 0 and signed_version(other) == 3  # counted beside the key
    assert _sign(other, key_file, "--version", "10") == 0 and signed_version(other) == 10
    assert _sign(other, key_file) == 0 and signed_version(other) == 11


def test_an_older_signed_version_copied_back_does_not_play(tmp_path: Path, show: Path) -> None:
    """A story withdrawn in version 2 does not come back with version 1's files."""
    key_file = tmp_path / "organisers.key"
    key_file.write_text(KEY.file_text())
    store = ShowStore(tmp_path / "shows")
    keys = [KEY.public()]
    assert _sign(show, key_file) == 0
    old = tmp_path / "version-1"
    shutil.copytree(show, old)
    store.accept(store.take(show, keys))
    text = (show / "show.yaml").read_text(encoding="utf-8")
    (show / "show.yaml").write_text(text.replace("JETZT", "JETZT!"), encoding="utf-8")
    assert _sign(show, key_file) == 0
    newer = store.take(show, keys)
    assert newer.show is not None
    store.accept(newer)
    shutil.rmtree(show)
    shutil.copytree(old, show)  # the attacker's copy: validly signed, one version behind
    refused = store.take(show, keys)
    assert refused.show is None
    assert (
        "an older version of this show, version 1 (version 1; Release N:OW show show; signed "
        in refused.report.format_text()
    )
    assert f"this kiosk has played version 2 signed by key {KEY.public().id_text}" in (
        refused.report.format_text()
    )
    # Restarted now, the kiosk plays version 2, its last good show.
    kept = store.last_good(keys)
    assert kept is not None and kept.verdict is not None and kept.verdict.version == 2


def test_a_mistaken_high_version_is_left_behind_by_signing_above_it(
    tmp_path: Path, show: Path
) -> None:
    key_file = tmp_path / "organisers.key"
    key_file.write_text(KEY.file_text())
    store = ShowStore(tmp_path / "shows")
    keys = [KEY.public()]
    assert _sign(show, key_file, "--version", "1000") == 0  # a slip of the finger
    store.accept(store.take(show, keys))
    text = (show / "show.yaml").read_text(encoding="utf-8")
    (show / "show.yaml").write_text(text.replace("JETZT", "JETZT!"), encoding="utf-8")
    assert _sign(show, key_file) == 0  # 1001: the counter beside the key remembers
    fixed = store.take(show, keys)
    assert fixed.show is not None and fixed.verdict is not None and fixed.verdict.version == 1001
