"""The real program on a real X server without a window manager, seen as a visitor sees it."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.e2e.conftest import LOOP_TO_CODE_SHOW, Kiosk, XServer, wait_for
from tests.widgets import decode_qr

pytestmark = pytest.mark.e2e

BACKGROUND = QColor("#101a24")


def _painted_shot(server: XServer, tmp_path: Path) -> QImage:
    """A screenshot once the kiosk has painted (before that the root window is black)."""
    shots: list[QImage] = []

    def painted() -> bool:
        shots[:] = [server.screenshot(tmp_path / "shot.png")]
        return shots[0].pixelColor(1, 1) == BACKGROUND

    wait_for(painted)
    return shots[0]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_fullscreen_covers_the_whole_screen(
    size: tuple[int, int],
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    server = xserver_factory(*size)
    kiosk = start_kiosk(server)
    wait_for(lambda: kiosk.geometry() == (0, 0, *size))
    shot = _painted_shot(server, tmp_path)
    # Every corner shows the show's background: no desktop, no frame, no gap.
    for x, y in ((1, 1), (size[0] - 2, 1), (1, size[1] - 2), (size[0] - 2, size[1] - 2)):
        assert shot.pixelColor(x, y) == BACKGROUND, (x, y)


def test_windowed_preview_has_the_asked_size(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
) -> None:
    server = xserver_factory(2560, 2048)
    kiosk = start_kiosk(server, "--windowed", "--size", "1080x1920")
    wait_for(lambda: kiosk.geometry()[2:] == (1080, 1920))


def test_loop_advances_on_screen_and_qr_decodes(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text(LOOP_TO_CODE_SHOW, encoding="utf-8")
    server = xserver_factory(1920, 1080)
    start_kiosk(server, "--content", str(folder), "--lang", "de")
    found: list[str] = []

    def qr_on_screen() -> bool:
        found[:] = decode_qr(server.screenshot(tmp_path / "loop.png"), tmp_path)
        return bool(found)

    wait_for(qr_on_screen, timeout=20)
    assert found == ["https://releasenow.org/de/manifesto"]


def test_invalid_content_at_start_stands_by_on_screen(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    """No good show kept and the folder refused: the stand-by screen, never the desktop."""
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text("settings: {}\n", encoding="utf-8")
    server = xserver_factory(1280, 720)
    kiosk = start_kiosk(server, "--content", str(folder))
    wait_for(lambda: "standing by" in kiosk.log(), timeout=20)
    assert kiosk.geometry()[2:] == (1280, 720)
    # The campaign's screen, not black and not a desktop.
    wait_for(
        lambda: server.screenshot(tmp_path / "standby.png").pixelColor(5, 5) == BACKGROUND,
        timeout=20,
    )
    assert kiosk.process.poll() is None
    log = (server.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "cannot play and no good show was kept; standing by" in log
    assert "missing required key 'slides' in the show" in log


@pytest.mark.parametrize("arriving", ["not synced yet", "half-synced"])
def test_a_kiosk_standing_by_plays_the_show_once_it_arrives(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
    arriving: str,
) -> None:
    """Started at boot before the first sync has brought the show: the stand-by screen, then
    the show itself as soon as it is there and checks, without anybody restarting the kiosk."""
    import shutil

    from tests.e2e.conftest import ROOT

    folder = tmp_path / "show"
    if arriving == "half-synced":
        folder.mkdir()
        (folder / "show.yaml").write_text("settings:\n  languages: [de\n", encoding="utf-8")
    server = xserver_factory(1280, 720)
    kiosk = start_kiosk(server, "--content", str(folder))
    wait_for(lambda: "standing by" in kiosk.log(), timeout=20)
    standby = _painted_shot(server, tmp_path)
    shutil.copytree(ROOT / "content", folder, dirs_exist_ok=True)
    wait_for(lambda: f"now playing {folder}" in kiosk.log(), timeout=60)
    # The show's own first slide replaces the stand-by screen: a different picture, and the
    # show's call to action, decoded from the glass.
    found: list[str] = []

    def show_on_screen() -> bool:
        shot = server.screenshot(tmp_path / "shot.png")
        found[:] = decode_qr(shot, tmp_path)
        return _share_changed(standby, shot) > 0.02 and bool(found)

    wait_for(show_on_screen, timeout=30)
    assert set(found) == {"https://releasenow.org/de/manifesto"}
    assert kiosk.process.poll() is None


def _share_changed(before: QImage, after: QImage) -> float:
    """The share of a grid of points whose colour differs between two screenshots."""
    points = [(x, y) for x in range(0, before.width(), 16) for y in range(0, before.height(), 16)]
    changed = sum(before.pixelColor(x, y) != after.pixelColor(x, y) for x, y in points)
    return changed / len(points)


def test_a_windowed_preview_of_invalid_content_exits_with_the_errors(
    xserver_factory: Callable[[int, int], XServer], tmp_path: Path
) -> None:
    import sys

    from tests.e2e.conftest import ROOT

    (tmp_path / "show.yaml").write_text("settings: {}\n", encoding="utf-8")
    server = xserver_factory(1280, 720)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--windowed", "--content", str(tmp_path)],
        env=server.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "4 errors, 0 warnings"
    assert done.stderr.count("4 errors, 0 warnings") == 1
    log = (server.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "not starting: the show is invalid" in log
    assert "missing required key 'slides' in the show" in log


def test_escape_alt_f4_and_ctrl_q_leave_it_running(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    server = xserver_factory(1280, 720)
    kiosk = start_kiosk(server)
    _painted_shot(server, tmp_path)
    for keys in ("Escape", "alt+F4", "ctrl+q"):
        server.run("xdotool", "key", "--window", kiosk.window, keys)
    server.run("xdotool", "sleep", "1")
    assert kiosk.process.poll() is None
    assert kiosk.geometry() == (0, 0, 1280, 720)
    log = (server.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "refused the Escape key" in log and "refused Alt+F4" in log
    assert "refused a quit shortcut" in log


def test_staff_keyboard_path_quits_cleanly(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    server = xserver_factory(1280, 720)
    (server.log_dir.parent / "config").mkdir(parents=True, exist_ok=True)
    (server.log_dir.parent / "config" / "kiosk.toml").write_text('staff_pin = "2105"\n')
    kiosk = start_kiosk(server)
    _painted_shot(server, tmp_path)
    server.run("xdotool", "key", "--window", kiosk.window, "ctrl+alt+k")
    server.run("xdotool", "type", "--window", kiosk.window, "2105")
    server.run("xdotool", "key", "--window", kiosk.window, "Return")
    # "8" is Quit, which asks once; Return answers. The window may be gone before xdotool
    # sends the key's release.
    server.run("xdotool", "key", "--window", kiosk.window, "8")
    assert kiosk.process.poll() is None  # asked, not yet quit
    subprocess.run(
        ["xdotool", "key", "--window", kiosk.window, "Return"], env=server.env(), check=False
    )
    assert kiosk.process.wait(timeout=20) == 0
    log = (server.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "staff quit the kiosk" in log and log.rstrip().endswith("stopped")
    counts = (server.log_dir.parent / "data" / "counts.json").read_text(encoding="utf-8")
    assert '"slides_shown"' in counts


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_sigterm_and_ctrl_c_stop_cleanly_and_save_counts(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
    number: signal.Signals,
) -> None:
    server = xserver_factory(1280, 720)
    kiosk = start_kiosk(server)
    _painted_shot(server, tmp_path)
    kiosk.process.send_signal(number)
    assert kiosk.process.wait(timeout=20) == 0
    log = (server.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert f"{number.name}: stopping" in log and log.rstrip().endswith("stopped")
    assert "Traceback" not in log and "KeyboardInterrupt" not in log
    assert '"slides_shown"' in (server.log_dir.parent / "data" / "counts.json").read_text()
