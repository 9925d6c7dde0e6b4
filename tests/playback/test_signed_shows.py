"""A kiosk that trusts keys: only signed shows take over, live or by staff, and a show that a
sync tool delivers file by file plays once it has arrived whole, never before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, load_show
from kiosk.content.signing import MANIFEST, SIGNATURE, SecretKey, sign_folder
from kiosk.paths import DEFAULT_CONTENT
from kiosk.running import RunningShow
from kiosk.source import watcher
from kiosk.source.folder_checks import FolderChecks
from tests.clocks import CHECK_MS
from tests.pieces import running_show

MAIN = Path(__file__).resolve().parents[2] / "main.py"
KEY = SecretKey.generate()


def _headline(controller: RunningShow) -> str:
    return controller.state.full_show.slides[0].headline.get("de", "de")  # type: ignore[union-attr]


@pytest.fixture
def kiosk(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[RunningShow, Path, list[str]]]:
    """A controller on a signed show, watching its folder; what the watcher said, in order."""
    monkeypatch.setattr(watcher, "POLL_MS", 100)
    controller, folder, said = _watching(tmp_path / "show")
    yield controller, folder, said
    controller.source.stop_watching()


def _watching(folder: Path) -> tuple[RunningShow, Path, list[str]]:
    shutil.copytree(DEFAULT_CONTENT, folder)
    sign_folder(folder, KEY, "first")
    keys = (KEY.public(),)
    loaded = load_show(folder, trusted_keys=keys)
    assert loaded.show is not None
    controller = running_show(loaded, trust=keys)
    controller.source.watch(loaded)
    said: list[str] = []
    assert controller.source.watcher is not None
    controller.source.watcher.show_ready.connect(
        lambda new: said.append(f"ready: {new.show.slides[0].headline.get('de', 'de')}")
    )
    controller.source.watcher.show_rejected.connect(lambda _: said.append("rejected"))
    return controller, folder, said


def _edited(folder: Path, headline: str) -> str:
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    return text.replace("Die Zeit für Freilassungen ist JETZT", headline)


def test_an_unsigned_change_never_reaches_the_screen(
    kiosk: tuple[RunningShow, Path, list[str]], qtbot: QtBot
) -> None:
    controller, folder, said = kiosk
    (folder / "show.yaml").write_text(_edited(folder, "Propaganda"), encoding="utf-8")
    qtbot.waitUntil(lambda: said == ["rejected"], timeout=CHECK_MS)
    assert _headline(controller) == "Die Zeit für Freilassungen ist JETZT"
    status = "\n".join(controller.status.lines())
    assert "show.yaml was changed after signing" in status
    assert "new content has errors; the last good show keeps playing" in status


def _deliver(folder: Path, files: dict[str, bytes], pause: float) -> None:
    """As Syncthing writes: each file into a hidden temporary file, then renamed into place,
    one after another."""
    for name, data in files.items():
        target = folder / name
        temporary = target.with_name(f".syncthing.{target.name}.tmp")
        half = len(data) // 2
        temporary.write_bytes(data[:half])
        time.sleep(pause)
        with temporary.open("ab") as stream:
            stream.write(data[half:])
        os.replace(temporary, target)
        time.sleep(pause)


@pytest.mark.parametrize("signature_first", [False, True], ids=["signature-last", "first"])
def test_a_synced_show_plays_once_it_has_arrived_whole(
    kiosk: tuple[RunningShow, Path, list[str]],
    qtbot: QtBot,
    tmp_path: Path,
    signature_first: bool,
) -> None:
    _, folder, said = kiosk
    # The organiser's new version, signed on their laptop.
    laptop = tmp_path / "laptop"
    shutil.copytree(folder, laptop)
    (laptop / "show.yaml").write_text(_edited(laptop, "Neue Ausstellung"), encoding="utf-8")
    (laptop / "images" / "extra.svg").write_bytes(
        (laptop / "images" / "student-flower.svg").read_bytes().replace(b"flower", b"bloom")
    )
    sign_folder(laptop, KEY, "second")
    names = ["show.yaml", "images/extra.svg"]
    signature = [MANIFEST, SIGNATURE]
    order = signature + names if signature_first else names + signature
    files = {name: (laptop / name).read_bytes() for name in order}
    # Delivered over several seconds, with pauses longer than the watcher's look.
    _deliver(folder, files, pause=0.35)
    qtbot.waitUntil(lambda: bool(said) and said[-1].startswith("ready"), timeout=CHECK_MS)
    # Half-arrived states were refused (or never looked at); the whole show took over once.
    assert said[-1] == "ready: Neue Ausstellung"
    assert [s for s in said if s.startswith("ready")] == ["ready: Neue Ausstellung"]


def test_staff_can_switch_only_to_a_signed_folder(qtbot: QtBot, tmp_path: Path) -> None:
    roots = tmp_path / "media"
    signed, unsigned = roots / "stick" / "signed", roots / "stick" / "unsigned"
    shutil.copytree(DEFAULT_CONTENT, signed)
    shutil.copytree(DEFAULT_CONTENT, unsigned)
    sign_folder(signed, KEY, "for the stick")
    checks = FolderChecks()
    results: dict[Path, LoadedShow] = {}
    checks.checked.connect(lambda path, loaded: results.__setitem__(path, loaded))
    checks.start((roots,), DEFAULT_CONTENT, (KEY.public(),))
    qtbot.waitUntil(lambda: {signed, unsigned} <= results.keys(), timeout=CHECK_MS)
    assert results[signed].report.ok
    assert not results[unsigned].report.ok
    assert [d.message for d in results[unsigned].report.errors] == [
        "the show is not signed (show.manifest is missing)"
    ]


def _kiosk_env(tmp_path: Path) -> dict[str, str]:
    """A kiosk of its own: offscreen, with its configuration, data and log folders here."""
    (tmp_path / "config").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_CONFIG_DIR=str(tmp_path / "config"),
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_LOG_DIR=str(tmp_path / "log"),
    )
    return env


def _start(tmp_path: Path, folder: Path, kiosk_toml: str) -> subprocess.CompletedProcess[str]:
    env = _kiosk_env(tmp_path)
    (tmp_path / "config" / "kiosk.toml").write_text(kiosk_toml)
    return subprocess.run(
        [sys.executable, str(MAIN), "--windowed", "--content", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_kiosk_that_trusts_keys_does_not_start_an_unsigned_show(tmp_path: Path) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    done = _start(tmp_path, folder, f'trusted_keys = ["{KEY.public().line()}"]\n')
    assert done.returncode == 2
    assert "error: the show is not signed (show.manifest is missing)" in done.stderr


def test_without_trusted_keys_the_log_says_once_that_shows_are_not_verified(
    tmp_path: Path, wait_and_stop: Callable[..., str]
) -> None:
    log = wait_and_stop(tmp_path)
    assert log.count("shows are not verified") == 1


@pytest.fixture
def wait_and_stop() -> Callable[..., str]:
    """Starts the kiosk offscreen on the default show, stops it, returns its log."""

    def run(tmp_path: Path) -> str:
        process = subprocess.Popen(
            [sys.executable, str(MAIN), "--windowed"],
            env=_kiosk_env(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log = tmp_path / "log" / "kiosk.log"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "slides) in '" not in (
            log.read_text(errors="replace") if log.exists() else ""
        ):
            time.sleep(0.2)
        process.terminate()
        assert process.wait(timeout=20) == 0
        return log.read_text(errors="replace")

    return run


def test_one_signed_show_plays_on_two_kiosks_and_a_tampered_copy_on_neither(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "POLL_MS", 100)
    kiosks = [_watching(tmp_path / name) for name in ("berlin", "warsaw", "vilnius")]
    laptop = tmp_path / "laptop"
    shutil.copytree(kiosks[0][1], laptop)
    (laptop / "show.yaml").write_text(_edited(laptop, "21. Mai"), encoding="utf-8")
    sign_folder(laptop, KEY, "for 21 May")
    names = [MANIFEST, SIGNATURE, "show.yaml"]
    for _, folder, _ in kiosks[:2]:
        _deliver(folder, {name: (laptop / name).read_bytes() for name in names}, pause=0.05)
    # The third receives a copy altered on the way: a line changed, the signature kept.
    altered = (laptop / "show.yaml").read_text(encoding="utf-8").replace("21. Mai", "Gefälscht")
    files = {name: (laptop / name).read_bytes() for name in names}
    files["show.yaml"] = altered.encode()
    _deliver(kiosks[2][1], files, pause=0.05)
    qtbot.waitUntil(
        lambda: (
            kiosks[0][2][-1:] == ["ready: 21. Mai"]
            and kiosks[1][2][-1:] == ["ready: 21. Mai"]
            and "rejected" in kiosks[2][2]
        ),
        timeout=CHECK_MS,
    )
    assert not any(said.startswith("ready") for said in kiosks[2][2])
    assert _headline(kiosks[2][0]) == "Die Zeit für Freilassungen ist JETZT"
    for controller, _, _ in kiosks:
        controller.source.stop_watching()
