"""The kiosk on real Wayland compositors, headless: sway (wlroots), weston and GNOME Shell.

Each compositor runs headless with a software renderer; the kiosk runs as its own process with
Qt's wayland platform, and the compositor's own screenshot tool (grim for wlroots, weston's
screenshooter, GNOME Shell's Screenshot service) shows what a visitor would see. wlroots
compositors refuse to run as root, so sway runs as an unprivileged user; the kiosk connects to
its socket by path. GNOME Shell gets a session bus of its own and a private system bus with no
services on it (no logind, no UPower: it runs without them), so nothing of the machine's
desktop is touched.

Input is not injected here: headless sway and weston offer no input path that reaches a Qt
client (tried: swaymsg seat cursor, wtype). Touch and keys are covered offscreen and on X.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.e2e.conftest import LOOP_TO_CODE_SHOW, ROOT, stop, wait_for
from tests.widgets import decode_qr, require_tool

WIDTH, HEIGHT = 1280, 720
BACKGROUND = QColor("#101a24")  # the default theme's background
USER = "kiosk-e2e"  # the unprivileged user that runs wlroots compositors when tests run as root


@dataclass
class Compositor:
    name: str
    socket: Path  # the Wayland socket, by path
    workdir: Path
    screenshot_tool: Callable[[Path], None]
    close_window: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)  # what the kiosk needs besides the socket
    shell_eval: Callable[[str], str] | None = None  # GNOME Shell: asks the shell itself
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # removed when the compositor stops

    def stop(self) -> None:
        _stop_all(self.processes, self.folders)

    def screenshot(self, name: str) -> QImage:
        path = self.workdir / f"{self.name}-{name}.png"
        self.screenshot_tool(path)
        image = QImage(str(path))
        assert not image.isNull(), f"{self.name} gave no screenshot"
        return image

    def client_env(self, runtime: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
        env.pop("DISPLAY", None)
        env.update(
            WAYLAND_DISPLAY=str(self.socket),
            XDG_RUNTIME_DIR=str(runtime),
            QT_QPA_PLATFORM="wayland",
            PYTHONUNBUFFERED="1",
            KIOSK_LOG_DIR=str(self.workdir / "log"),
            KIOSK_DATA_DIR=str(self.workdir / "data"),
            KIOSK_CONFIG_DIR=str(self.workdir / "config"),
        )
        env.update(self.env)
        return env


def _stop_all(processes: list[subprocess.Popen[bytes]], folders: list[Path]) -> None:
    """Stops what a compositor started, the last started first, and removes its folders."""
    for process in reversed(processes):
        stop(process)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


Started = tuple[list[subprocess.Popen[bytes]], list[Path]]  # filled as a compositor starts


def start_compositor(name: str, workdir: Path) -> Compositor:
    """Starts one compositor; whatever it had started is stopped again if starting fails."""
    started: Started = ([], [])
    try:
        return COMPOSITORS[name](workdir, started)
    except BaseException:
        _stop_all(*started)
        raise


def _unprivileged() -> tuple[int, int, str]:
    """uid, gid and home of the user that runs wlroots compositors."""
    if os.geteuid() != 0:
        entry = pwd.getpwuid(os.geteuid())
        return entry.pw_uid, entry.pw_gid, entry.pw_dir
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", USER], check=True, timeout=30)
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid, entry.pw_dir


def _runtime_dir(uid: int, gid: int) -> Path:
    """A runtime folder the compositor's user owns, outside pytest's root-only tmp folders."""
    path = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
    os.chown(path, uid, gid)
    return path


def _wait_for_socket(folder: Path, process: subprocess.Popen[bytes], log: Path) -> Path:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        sockets = sorted(p for p in folder.glob("wayland-*") if not p.name.endswith(".lock"))
        if sockets and sockets[0].is_socket():
            time.sleep(0.3)  # the compositor finishes setting up its outputs
            return sockets[0]
        time.sleep(0.1)
    raise AssertionError(f"no Wayland socket appeared:\n{log.read_text(errors='replace')}")


def _start_sway(workdir: Path, started: Started) -> Compositor:
    sway, grim = require_tool("sway"), require_tool("grim")
    swaymsg = require_tool("swaymsg")
    uid, gid, home = _unprivileged()
    runtime = _runtime_dir(uid, gid)
    started[1].append(runtime)
    config = runtime / "config"
    config.write_text(
        f"output HEADLESS-1 resolution {WIDTH}x{HEIGHT}\nxwayland disable\n", encoding="utf-8"
    )
    os.chown(config, uid, gid)
    env = {
        "HOME": home,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_HEADLESS_OUTPUTS": "1",
    }
    log = workdir / "sway.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sway, "-c", str(config)],
            env=env,
            user=uid,
            group=gid,
            extra_groups=[],
            cwd=runtime,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    started[0].append(process)
    socket = _wait_for_socket(runtime, process, log)

    def screenshot(path: Path) -> None:
        subprocess.run(
            [grim, str(path)],
            env={**env, "WAYLAND_DISPLAY": str(socket)},
            check=True,
            timeout=30,
        )

    def close_window() -> None:
        ipc = next(runtime.glob("sway-ipc.*.sock"))
        subprocess.run(
            [swaymsg, "-s", str(ipc), '[title="Release N:OW"] kill'], check=True, timeout=10
        )

    return Compositor(
        "sway", socket, workdir, screenshot, close_window, processes=started[0], folders=started[1]
    )


def _start_weston(workdir: Path, started: Started) -> Compositor:
    weston = require_tool("weston")
    screenshooter = require_tool("weston-screenshooter")
    runtime = workdir / "weston-runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("DISPLAY", None)
    log = workdir / "weston.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                weston,
                "--backend=headless-backend.so",
                "--use-pixman",
                f"--width={WIDTH}",
                f"--height={HEIGHT}",
                "--socket=wayland-kiosk",
                "--idle-time=0",
                "--debug",  # lets the screenshooter in
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    started[0].append(process)
    socket = _wait_for_socket(runtime, process, log)

    def screenshot(path: Path) -> None:
        shots = workdir / "weston-shots"
        shutil.rmtree(shots, ignore_errors=True)
        shots.mkdir()
        subprocess.run(
            [screenshooter],
            env={**env, "WAYLAND_DISPLAY": str(socket)},
            cwd=shots,
            check=True,
            timeout=30,
        )
        [taken] = list(shots.glob("*.png"))
        shutil.move(taken, path)

    return Compositor("weston", socket, workdir, screenshot, processes=started[0])


SYSTEM_BUS = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
"""


def _bus(started: Started, dbus_daemon: str, socket: Path, log: Path, *options: str) -> None:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [dbus_daemon, "--nofork", *options], stdout=out, stderr=subprocess.STDOUT
        )
    started[0].append(process)
    wait_for(lambda: socket.is_socket(), timeout=10)


def _start_gnome(workdir: Path, started: Started) -> Compositor:
    shell = require_tool("gnome-shell")
    dbus_daemon, gdbus = require_tool("dbus-daemon"), require_tool("gdbus")
    runtime = workdir / "gnome-runtime"
    runtime.mkdir(mode=0o700)
    home = workdir / "gnome-home"
    home.mkdir()
    system_socket, session_socket = workdir / "system-bus", workdir / "session-bus"
    config = workdir / "system-bus.xml"
    config.write_text(SYSTEM_BUS.format(socket=system_socket), encoding="utf-8")
    _bus(started, dbus_daemon, system_socket, workdir / "system-bus.log", f"--config-file={config}")
    _bus(
        started,
        dbus_daemon,
        session_socket,
        workdir / "session-bus.log",
        "--session",
        f"--address=unix:path={session_socket}",
    )
    buses_env = {
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={session_socket}",
        "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={system_socket}",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND", "DBUS"))}
    env.pop("DISPLAY", None)
    env.update(buses_env, HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_SESSION_TYPE="wayland")
    log = workdir / "gnome-shell.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                shell,
                "--headless",
                "--wayland",
                "--no-x11",
                "--unsafe-mode",  # lets the test take screenshots and ask what is on screen
                f"--virtual-monitor={WIDTH}x{HEIGHT}",
                "--wayland-display=wayland-kiosk",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    started[0].append(process)
    socket = _wait_for_socket(runtime, process, log)

    def ask(method: str, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [gdbus, "call", "--session", "--dest", "org.gnome.Shell", *method.split(), *arguments],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )

    def call(method: str, *arguments: str) -> str:
        done = ask(method, *arguments)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def screenshot(path: Path) -> None:
        call(
            "--object-path /org/gnome/Shell/Screenshot "
            "--method org.gnome.Shell.Screenshot.Screenshot",
            "false",
            "false",
            str(path),
        )

    def close_window() -> None:
        shell_eval(
            "global.get_window_actors().forEach("
            "a => a.meta_window.delete(global.get_current_time()))"
        )

    def shell_eval(script: str) -> str:
        return call("--object-path /org/gnome/Shell --method org.gnome.Shell.Eval", script)

    def answers() -> bool:
        # The shell owns its bus name before Eval is there: an UnknownMethod or ServiceUnknown
        # answer means "not yet", and the wait asks again until its deadline.
        assert process.poll() is None, log.read_text(errors="replace")
        done = ask("--object-path /org/gnome/Shell --method org.gnome.Shell.Eval", "1")
        return done.returncode == 0 and "true" in done.stdout

    wait_for(answers, timeout=60)
    return Compositor(
        "gnome",
        socket,
        workdir,
        screenshot,
        close_window,
        env=buses_env,
        shell_eval=shell_eval,
        processes=started[0],
    )


COMPOSITORS: dict[str, Callable[[Path, Started], Compositor]] = {
    "sway": _start_sway,
    "weston": _start_weston,
    "gnome": _start_gnome,
}


@pytest.fixture(params=sorted(COMPOSITORS))
def compositor(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Compositor]:
    started = start_compositor(request.param, tmp_path)
    yield started
    started.stop()


@pytest.fixture
def kiosk_on(tmp_path: Path) -> Iterator[Callable[[Compositor], subprocess.Popen[bytes]]]:
    running: list[subprocess.Popen[bytes]] = []
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text(LOOP_TO_CODE_SHOW, encoding="utf-8")

    def start(compositor: Compositor) -> subprocess.Popen[bytes]:
        runtime = tmp_path / "kiosk-runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        log = tmp_path / "kiosk.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "--content", str(folder), "--lang", "de"],
                env=compositor.client_env(runtime),
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        running.append(process)
        return process

    yield start
    for process in running:
        stop(process)


def _share_of(image: QImage, colour: QColor) -> float:
    """The share of a coarse grid of pixels that have exactly this colour."""
    points = [(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)]
    same = sum(image.pixelColor(x, y).rgb() == colour.rgb() for x, y in points)
    return same / len(points)


pytestmark = pytest.mark.e2e


def test_the_show_fills_the_output_and_the_loop_reaches_the_code(
    compositor: Compositor, kiosk_on: Callable[[Compositor], subprocess.Popen[bytes]]
) -> None:
    process = kiosk_on(compositor)
    first: list[QImage] = []

    def show_on_screen() -> bool:
        assert process.poll() is None, "the kiosk stopped"
        image = compositor.screenshot("start")
        first[:] = [image]
        # The theme's background covers most of the output: the show is there, not black.
        return _share_of(image, BACKGROUND) > 0.5

    wait_for(show_on_screen, timeout=20)
    image = first[0]
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    for x, y in ((2, 2), (WIDTH - 3, 2), (2, HEIGHT - 3), (WIDTH - 3, HEIGHT - 3)):
        assert image.pixelColor(x, y).rgb() == BACKGROUND.rgb(), (x, y)  # corner to corner
    found: list[str] = []

    def code_on_screen() -> bool:
        found[:] = decode_qr(compositor.screenshot("loop"), compositor.workdir)
        return bool(found)

    wait_for(code_on_screen, timeout=30)
    assert found == ["https://releasenow.org/de/manifesto"]
    assert process.poll() is None
    log = (compositor.workdir / "kiosk.log").read_text(errors="replace")
    assert " WARNING " not in log and " ERROR " not in log, log  # Qt's chatter stays quiet


@pytest.mark.parametrize("name", ["sway", "gnome"])
def test_a_close_request_leaves_the_show_running(
    tmp_path: Path, kiosk_on: Callable[[Compositor], subprocess.Popen[bytes]], name: str
) -> None:
    compositor = start_compositor(name, tmp_path)
    try:
        process = kiosk_on(compositor)
        wait_for(lambda: _share_of(compositor.screenshot("before"), BACKGROUND) > 0.5, timeout=20)
        assert compositor.close_window is not None
        compositor.close_window()
        time.sleep(1.5)
        assert process.poll() is None, "the kiosk quit on a close request"
        assert _share_of(compositor.screenshot("after"), BACKGROUND) > 0.5
        log = (tmp_path / "kiosk.log").read_text(errors="replace")
        assert "refused a request to close the kiosk window" in log
    finally:
        compositor.stop()


def test_gnome_shells_overview_never_covers_the_show(
    tmp_path: Path, kiosk_on: Callable[[Compositor], subprocess.Popen[bytes]]
) -> None:
    """GNOME Shell starts in its overview, and a three-finger swipe opens it: the show stays."""
    gnome = start_compositor("gnome", tmp_path)
    try:
        assert gnome.shell_eval is not None
        shell_eval = gnome.shell_eval
        assert "true" in shell_eval("Main.overview.visible")  # how GNOME Shell starts
        process = kiosk_on(gnome)
        wait_for(lambda: _share_of(gnome.screenshot("start"), BACKGROUND) > 0.5, timeout=20)
        assert "false" in shell_eval("Main.overview.visible")
        assert "true" in shell_eval(
            "global.get_window_actors().some(a => a.meta_window.is_fullscreen()"
            " && a.meta_window.has_focus())"
        )
        shell_eval("Main.overview.show()")  # as a swipe or a stray key would
        wait_for(lambda: "false" in shell_eval("Main.overview.visible"), timeout=10)
        wait_for(lambda: _share_of(gnome.screenshot("after"), BACKGROUND) > 0.5, timeout=10)
        assert process.poll() is None
        log = (tmp_path / "kiosk.log").read_text(errors="replace")
        assert "overview opened over the show; closing it" in log
    finally:
        gnome.stop()
