"""The kiosk on real Wayland compositors, headless: sway (wlroots), weston, GNOME Shell, and
labwc and cage as Debian 13 ships them.

Each compositor runs headless with a software renderer; the kiosk runs as its own process with
Qt's wayland platform, and the compositor's own screenshot tool (grim for wlroots, weston's
screenshooter, GNOME Shell's Screenshot service) shows what a visitor would see. wlroots
compositors refuse to run as root, so sway runs as an unprivileged user; the kiosk connects to
its socket by path. GNOME Shell gets a session bus of its own and a private system bus with no
services on it (no logind, no UPower: it runs without them), so nothing of the machine's
desktop is touched.

labwc 0.8.3 (the compositor of Raspberry Pi OS) and cage 0.2.0 (Debian 13's kiosk compositor)
come from a Debian 13 root that `.ci/debian-root` builds once and caches (tests/e2e/debian_root.py
says how programs run in it). They run their Debian 13 userland in that root with chroot as the
unprivileged user; their output is set to 1920x1080 with wlr-randr, and grim, wlrctl and wtype
run beside them in the root. Under labwc the kiosk runs from this checkout and connects to the
socket by path. Under cage, as deployed, the kiosk is cage's own program: it runs inside the
root, with this checkout and its Python mounted there read-only at their own paths (in the
compositor's private mount namespace), so it is the same kiosk, on Debian 13's libraries.

Input is not injected under headless sway and weston: they offer no input path that reaches a
Qt client (tried: swaymsg seat cursor, wtype). labwc accepts wtype's virtual keyboard, and the
tests use it to press every key combination labwc binds by itself. Touch and keys are covered
offscreen and on X.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

import pytest
from PySide6.QtGui import QColor, QImage

from tests.e2e import debian_root
from tests.e2e.conftest import (
    LOOP_TO_CODE_SHOW,
    ROOT,
    WINDOW_TITLE,
    running_with,
    stop,
    wait_for,
)
from tests.widgets import decode_qr, require_tool

WIDTH, HEIGHT = 1280, 720
BACKGROUND = QColor("#101a24")  # the default theme's background
USER = "kiosk-e2e"  # the unprivileged user that runs wlroots compositors when tests run as root
PI_SIZE = (1920, 1080)  # labwc and cage: the output a Pi drives on a TV
DEPLOY = ROOT / "assets" / "deploy"
# Starts the kiosk under cage: the kiosk's messages go where the test reads them, cage's elsewhere.
KIOSK_OUTPUT_TO_STDOUT = 'exec "$@" 2>&1'


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
    size: tuple[int, int] = (WIDTH, HEIGHT)
    # cage: starts the compositor with the kiosk as its own program (command, env, output).
    launch: Callable[[list[str], dict[str, str], IO[bytes]], subprocess.Popen[bytes]] | None = None
    cleanups: list[Callable[[], None]] = field(default_factory=list)  # after the processes
    in_root: RootSession | None = None  # labwc and cage: their folder in the Debian root

    def stop(self) -> None:
        _stop_all(self.processes, self.folders, self.cleanups)

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


def _stop_all(
    processes: list[subprocess.Popen[bytes]],
    folders: list[Path],
    cleanups: list[Callable[[], None]] | None = None,
) -> None:
    """Stops what a compositor started, the last started first, and removes its folders
    (also when a check among the cleanups fails)."""
    try:
        for process in reversed(processes):
            stop(process)
        for cleanup in cleanups or []:
            cleanup()
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _nothing_left(entry: str) -> None:
    """Fails when a program of a stopped compositor still runs (found by an entry of the
    environment all its programs share), after ending it so that it cannot upset later tests."""
    deadline = time.monotonic() + 5
    while (left := running_with(entry)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for line in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split()[0]), signal.SIGKILL)
    assert not left, "still running after the compositor stopped:\n" + "\n".join(left)


# Filled as a compositor starts: its processes, its folders, what else ends with it.
Started = tuple[list[subprocess.Popen[bytes]], list[Path], list[Callable[[], None]]]


def start_compositor(name: str, workdir: Path, **options: bool) -> Compositor:
    """Starts one compositor; whatever it had started is stopped again if starting fails."""
    started: Started = ([], [], [])
    try:
        return COMPOSITORS[name](workdir, started, **options)
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
        # Another test run beside this one may add the user first: then it is there anyway.
        subprocess.run(["useradd", "--create-home", USER], check=False, timeout=30)
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
            start_new_session=True,
        )
    started[0].append(process)
    started[2].append(partial(_nothing_left, f"XDG_RUNTIME_DIR={runtime}"))
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
        "sway",
        socket,
        workdir,
        screenshot,
        close_window,
        processes=started[0],
        folders=started[1],
        cleanups=started[2],
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
            start_new_session=True,
        )
    started[0].append(process)
    started[2].append(partial(_nothing_left, f"XDG_RUNTIME_DIR={runtime}"))
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

    return Compositor(
        "weston", socket, workdir, screenshot, processes=started[0], cleanups=started[2]
    )


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


def _bus(
    started: Started,
    dbus_daemon: str,
    env: dict[str, str],
    socket: Path,
    log: Path,
    *options: str,
) -> None:
    # In a session of its own, with the shell's environment: stopping the bus then also ends
    # the helpers it launched for the shell (calendar server, notifications), which would
    # otherwise outlive it.
    with log.open("wb") as out:
        process = subprocess.Popen(
            [dbus_daemon, "--nofork", *options],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
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
    buses_env = {
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={session_socket}",
        "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={system_socket}",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND", "DBUS"))}
    env.pop("DISPLAY", None)
    env.update(buses_env, HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_SESSION_TYPE="wayland")
    # Every process of this session carries its HOME: after stopping, none may be left.
    started[2].append(partial(_nothing_left, f"HOME={home}"))
    config = workdir / "system-bus.xml"
    config.write_text(SYSTEM_BUS.format(socket=system_socket), encoding="utf-8")
    _bus(
        started,
        dbus_daemon,
        env,
        system_socket,
        workdir / "system-bus.log",
        f"--config-file={config}",
    )
    _bus(
        started,
        dbus_daemon,
        env,
        session_socket,
        workdir / "session-bus.log",
        "--session",
        f"--address=unix:path={session_socket}",
    )
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
            start_new_session=True,
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

    last: list[str] = []

    def answers() -> bool:
        # The shell owns its bus name before Eval is there: an UnknownMethod or ServiceUnknown
        # answer means "not yet", and the wait asks again until its deadline.
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            done = ask("--object-path /org/gnome/Shell --method org.gnome.Shell.Eval", "1")
        except subprocess.TimeoutExpired:
            last[:] = ["no answer within 30 s"]
            return False
        last[:] = [(done.stdout + done.stderr).strip()]
        return done.returncode == 0 and "true" in done.stdout

    # Software-rendered GNOME Shell on two busy cores has taken over a minute to answer.
    try:
        wait_for(answers, timeout=180)
    except AssertionError as timed_out:
        tail = log.read_text(errors="replace")[-3000:]
        raise AssertionError(
            f"GNOME Shell did not answer within 180 s; its last answer: {last}\n{tail}"
        ) from timed_out
    return Compositor(
        "gnome",
        socket,
        workdir,
        screenshot,
        close_window,
        env=buses_env,
        shell_eval=shell_eval,
        processes=started[0],
        cleanups=started[2],
    )


# -- labwc and cage, from a Debian 13 root ---------------------------------------------------


@dataclass
class RootSession:
    """A wlroots compositor's folder inside the Debian root, and how to run tools beside it."""

    in_root: debian_root.InRoot
    runtime: Path  # XDG_RUNTIME_DIR and HOME, by its path on this machine
    workdir: Path

    def env(self) -> dict[str, str]:
        inside = self.in_root.inside(self.runtime)
        return {
            "HOME": inside,
            "XDG_RUNTIME_DIR": inside,
            "LANG": "C.UTF-8",
            "WLR_BACKENDS": "headless",
            "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1",
        }

    def tool(self, process: subprocess.Popen[bytes], *command: str) -> str:
        """Runs a Wayland client of the root (grim, wlr-randr, wlrctl, wtype) beside it."""
        env = {**self.env(), "WAYLAND_DISPLAY": "wayland-0"}
        done = self.in_root.beside(process, env, *command)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
        return done.stdout

    def ready(self, process: subprocess.Popen[bytes], log: Path, started: Started) -> Path:
        """Waits for the socket, ends the session's leftovers with it, sets the Pi's output."""
        socket = _wait_for_socket(self.runtime, process, log)
        namespace = os.readlink(f"/proc/{process.pid}/ns/mnt")
        assert namespace != os.readlink("/proc/self/ns/mnt"), "no namespace of its own"
        started[2].append(lambda: debian_root.end_namespace(namespace))
        width, height = PI_SIZE
        self.tool(
            process, "wlr-randr", "--output", "HEADLESS-1", "--custom-mode", f"{width}x{height}"
        )
        return socket

    def screenshot_tool(self, process: subprocess.Popen[bytes]) -> Callable[[Path], None]:
        def screenshot(path: Path) -> None:
            shot = self.runtime / "screenshot.png"
            self.tool(process, "grim", self.in_root.inside(shot))
            shutil.move(shot, path)

        return screenshot

    def writable_for_the_kiosk(self, env: dict[str, str]) -> None:
        """The test's folder, open to the kiosk that runs as the unprivileged user."""
        self.workdir.chmod(0o755)
        for key in ("KIOSK_LOG_DIR", "KIOSK_DATA_DIR", "KIOSK_CONFIG_DIR"):
            folder = Path(env[key])
            folder.mkdir(parents=True, exist_ok=True)
            os.chown(folder, self.in_root.uid, self.in_root.gid)


def _root_session(workdir: Path, started: Started, name: str) -> RootSession:
    root = debian_root.trixie_root()
    uid, gid, _home = _unprivileged()
    in_root = debian_root.InRoot(root, uid, gid)
    runtime = Path(tempfile.mkdtemp(prefix=f"kiosk-{name}-", dir=root / "run"))
    started[1].append(runtime)
    os.chown(runtime, uid, gid)
    return RootSession(in_root, runtime, workdir)


def _kiosk_env(session: RootSession) -> dict[str, str]:
    """What the kiosk inside the root needs besides its compositor's own variables."""
    workdir = session.workdir
    env = {
        "QT_QPA_PLATFORM": "wayland",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",  # the checkout is mounted read-only
        "KIOSK_LOG_DIR": str(workdir / "log"),
        "KIOSK_DATA_DIR": str(workdir / "data"),
        "KIOSK_CONFIG_DIR": str(workdir / "config"),
    }
    session.writable_for_the_kiosk(env)
    return env


def _start_labwc(workdir: Path, started: Started, deployed: bool = False) -> Compositor:
    """labwc with the shipped rc.xml. Deployed: also the shipped autostart, which starts the
    kiosk inside the root from where it expects it (~/release-now-kiosk/.venv)."""
    session = _root_session(workdir, started, "labwc")
    config = session.runtime / ".config" / "labwc"
    config.mkdir(parents=True)
    shutil.copy(DEPLOY / "labwc" / "rc.xml", config / "rc.xml")
    env = session.env()
    shared: list[Path] = []
    writable: list[Path] = []
    if deployed:
        shutil.copy(DEPLOY / "labwc" / "autostart", config / "autostart")
        (session.runtime / "release-now-kiosk").mkdir()
        (session.runtime / "release-now-kiosk" / ".venv").symlink_to(sys.prefix)
        env.update(_kiosk_env(session))
        shared, writable = debian_root.python_folders(), [workdir]
    for path in [session.runtime, *session.runtime.rglob("*")]:
        os.lchown(path, session.in_root.uid, session.in_root.gid)
    log = workdir / "labwc.log"
    with log.open("wb") as out:
        process = session.in_root.spawn(["labwc"], env, out, out, shared, writable)
    started[0].append(process)
    socket = session.ready(process, log, started)

    def close_window() -> None:
        session.tool(process, "wlrctl", "toplevel", "close", f"title:{WINDOW_TITLE}")

    return Compositor(
        "labwc",
        socket,
        workdir,
        session.screenshot_tool(process),
        close_window,
        processes=started[0],
        folders=started[1],
        size=PI_SIZE,
        cleanups=started[2],
        in_root=session,
    )


def _start_cage(workdir: Path, started: Started) -> Compositor:
    """cage starts when the kiosk does: the kiosk is its program, run inside the root."""
    session = _root_session(workdir, started, "cage")
    running: list[subprocess.Popen[bytes]] = []

    def launch(
        command: list[str], client_env: dict[str, str], output: IO[bytes]
    ) -> subprocess.Popen[bytes]:
        env = {**session.env(), **_kiosk_env(session)}
        env.update({k: v for k, v in client_env.items() if k.startswith("KIOSK_")})
        log = workdir / "cage.log"
        with log.open("wb") as cage_output:
            process = session.in_root.spawn(
                ["cage", "--", "sh", "-c", KIOSK_OUTPUT_TO_STDOUT, "kiosk", *command],
                env,
                output,
                cage_output,
                debian_root.python_folders(),
                [workdir],
            )
        started[0].append(process)
        running[:] = [process]
        session.ready(process, log, started)
        return process

    def screenshot(path: Path) -> None:
        assert running, "cage starts with the kiosk"
        session.screenshot_tool(running[0])(path)

    return Compositor(
        "cage",
        session.runtime / "wayland-0",
        workdir,
        screenshot,
        processes=started[0],
        folders=started[1],
        size=PI_SIZE,
        launch=launch,
        cleanups=started[2],
    )


COMPOSITORS: dict[str, Callable[..., Compositor]] = {
    "sway": _start_sway,
    "weston": _start_weston,
    "gnome": _start_gnome,
    "labwc": _start_labwc,
    "cage": _start_cage,
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
        command = [sys.executable, str(ROOT / "main.py"), "--content", str(folder), "--lang", "de"]
        with log.open("wb") as out:
            if compositor.launch is not None:
                process = compositor.launch(command, compositor.client_env(runtime), out)
            else:
                process = subprocess.Popen(
                    command,
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
        # (cage's output takes the Pi's size only once cage runs, with the kiosk.)
        return _share_of(image, BACKGROUND) > 0.5 and image.size().toTuple() == compositor.size

    wait_for(show_on_screen, timeout=20)
    image = first[0]
    width, height = compositor.size
    assert (image.width(), image.height()) == (width, height)
    for x, y in ((2, 2), (width - 3, 2), (2, height - 3), (width - 3, height - 3)):
        assert image.pixelColor(x, y).rgb() == BACKGROUND.rgb(), (x, y)  # corner to corner
    found: list[str] = []

    def code_on_screen() -> bool:
        found[:] = decode_qr(compositor.screenshot("loop"), compositor.workdir)
        return bool(found)

    wait_for(code_on_screen, timeout=30)
    # One code, or two of the same while the corner's fades out into the slide's own.
    assert set(found) == {"https://releasenow.org/de/manifesto"}, found
    assert process.poll() is None
    log = (compositor.workdir / "kiosk.log").read_text(errors="replace")
    assert " WARNING " not in log and " ERROR " not in log, log  # Qt's chatter stays quiet


@pytest.mark.parametrize("name", ["sway", "gnome", "labwc"])
def test_a_close_request_leaves_the_show_running(
    tmp_path: Path, kiosk_on: Callable[[Compositor], subprocess.Popen[bytes]], name: str
) -> None:
    compositor = start_compositor(name, tmp_path)
    try:
        process = kiosk_on(compositor)
        wait_for(lambda: _share_of(compositor.screenshot("before"), BACKGROUND) > 0.5, timeout=20)
        assert compositor.close_window is not None
        compositor.close_window()
        log = tmp_path / "kiosk.log"
        refused = "refused a request to close the kiosk window"
        # The request reached the kiosk and was answered: only then is its staying meaningful.
        wait_for(lambda: refused in log.read_text(errors="replace"), timeout=20)
        assert process.poll() is None, "the kiosk quit on a close request"
        assert _share_of(compositor.screenshot("after"), BACKGROUND) > 0.5
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
        # The overview's closing animation may still run when the show is first seen: on a busy
        # machine it ends later, and only then does the shell report it closed.
        wait_for(lambda: "false" in shell_eval("Main.overview.visible"), timeout=10)
        wait_for(
            lambda: (
                "true"
                in shell_eval(
                    "global.get_window_actors().some(a => a.meta_window.is_fullscreen()"
                    " && a.meta_window.has_focus())"
                )
            ),
            timeout=10,
        )
        shell_eval("Main.overview.show()")  # as a swipe or a stray key would
        wait_for(lambda: "false" in shell_eval("Main.overview.visible"), timeout=10)
        wait_for(lambda: _share_of(gnome.screenshot("after"), BACKGROUND) > 0.5, timeout=10)
        assert process.poll() is None
        log = (tmp_path / "kiosk.log").read_text(errors="replace")
        assert "overview opened over the show; closing it" in log
    finally:
        gnome.stop()


def test_a_gnome_session_that_fails_to_start_leaves_nothing_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that fails at its very end, with the shell up and its bus's helpers launched,
    still ends every program of the session: none can upset the tests after it."""
    marker = f"HOME={tmp_path / 'gnome-home'}"
    at_failure: list[str] = []

    def fail(*args: object, **kwargs: object) -> Compositor:
        at_failure[:] = running_with(marker)
        raise RuntimeError("stopped here by the test")

    monkeypatch.setattr(sys.modules[__name__], "Compositor", fail)
    with pytest.raises(RuntimeError, match="stopped here by the test"):
        start_compositor("gnome", tmp_path)
    assert any("gnome-shell" in line for line in at_failure), at_failure
    assert len(at_failure) > 3, at_failure  # the shell had launched helpers besides its buses
    assert not running_with(marker)


def _labwc_built_in_keys(root: Path) -> list[str]:
    """Every key combination labwc 0.8.3 binds by itself, from the file it documents them in."""
    with gzip.open(root / "usr/share/doc/labwc/rc.xml.all.gz") as text:
        config = ElementTree.parse(text).getroot()
    keys = [bind.attrib["key"] for bind in config.iter("keybind")]
    assert "A-F4" in keys and "A-Tab" in keys
    return keys


WTYPE_MODIFIERS = {"A": "alt", "S": "shift", "C": "ctrl", "W": "logo"}


def _wtype(combination: str) -> list[str]:
    """wtype's arguments that press a labwc key combination (labwc writes A-S-Tab)."""
    *modifiers, key = combination.split("-")
    names = [WTYPE_MODIFIERS[m] for m in modifiers]
    args = ["wtype"]
    for name in names:
        args += ["-M", name]
    args += ["-k", key.replace("XF86_", "XF86")]
    for name in reversed(names):
        args += ["-m", name]
    return args


def _in_namespace(namespace_of: subprocess.Popen[bytes]) -> dict[int, str]:
    """The programs that run in a compositor's namespace, by process id: their command lines."""
    namespace = os.readlink(f"/proc/{namespace_of.pid}/ns/mnt")
    found = {}
    for pid in debian_root.processes_in(namespace):
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    return found


def _wait_for_the_end(process: subprocess.Popen[bytes], tmp_path: Path, log: Path) -> None:
    """Waits for a session to end after its kiosk was stopped, generously: with both cores busy
    a kiosk's stop has taken over 20 s. If it does not end, says what still runs and what the
    kiosk and the session wrote last."""
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        running = "\n".join(f"{pid}: {line}" for pid, line in _in_namespace(process).items())
        kiosk_log = tmp_path / "log" / "kiosk.log"
        last = kiosk_log.read_text(errors="replace")[-3000:] if kiosk_log.exists() else "(none)"
        session = log.read_text(errors="replace")[-2000:]
        raise AssertionError(
            f"the session still runs 60 s after SIGTERM:\n{running}\n"
            f"kiosk log:\n{last}\nsession:\n{session}"
        ) from None


def _kiosks(programs: dict[int, str]) -> list[int]:
    return [
        pid for pid, line in programs.items() if "bin/kiosk" in line and "kiosk-loop" not in line
    ]


def test_labwc_with_the_shipped_files_shows_only_the_kiosk_and_keeps_its_keys(
    tmp_path: Path,
) -> None:
    """The shipped rc.xml and autostart, loaded by the real labwc as docs/deploy.md installs
    them: autostart starts the kiosk and nothing else, and none of labwc's built-in key
    combinations (as labwc 0.8.3 lists them) reaches the desktop. Keys come from wtype's
    virtual keyboard: an Escape that reaches the kiosk shows they arrive, and the same Alt+F4
    with labwc's built-in bindings back (an rc.xml that binds nothing) does ask it to close."""
    labwc = start_compositor("labwc", tmp_path, deployed=True)
    try:
        [process] = labwc.processes
        kiosk_log = tmp_path / "log" / "kiosk.log"

        def log() -> str:
            return kiosk_log.read_text(errors="replace") if kiosk_log.exists() else ""

        wait_for(lambda: _share_of(labwc.screenshot("start"), BACKGROUND) > 0.5, timeout=30)

        def only_the_show() -> bool:
            programs = _in_namespace(process)
            others = [
                line
                for pid, line in programs.items()
                if pid != process.pid and "kiosk-loop" not in line and "bin/kiosk" not in line
            ]
            return not others and len(_kiosks(programs)) == 1

        wait_for(only_the_show, timeout=10)
        [kiosk] = _kiosks(_in_namespace(process))
        session = labwc.in_root
        assert session is not None

        def reaches_the_kiosk(combination: str, logged: str) -> Callable[[], bool]:
            def reached() -> bool:
                session.tool(process, *_wtype(combination))
                return logged in log()

            return reached

        # The kiosk logs each refused key once a minute: Escape opens, Ctrl+Q closes the run.
        # (Generous: with both cores busy, a key has taken over 15 s to arrive.)
        wait_for(reaches_the_kiosk("Escape", "refused the Escape key"), timeout=40)
        keys = _labwc_built_in_keys(session.in_root.root)
        for combination in keys:
            session.tool(process, *_wtype(combination))
        # Keys and labwc's requests reach the kiosk in order: once Ctrl+Q has, all have.
        wait_for(reaches_the_kiosk("C-q", "refused a quit shortcut"), timeout=40)
        assert process.poll() is None, "labwc ended"
        assert _kiosks(_in_namespace(process)) == [kiosk], "the kiosk was started again"
        assert "refused a request to close" not in log(), keys
        assert "refused Alt+F4" not in log()  # labwc took it, and did nothing with it
        image = labwc.screenshot("after")
        assert image.size().toTuple() == PI_SIZE
        assert _share_of(image, BACKGROUND) > 0.5

        # The control: labwc's own bindings back, Alt+F4 reaches the desktop's Close.
        rc_xml = session.runtime / ".config" / "labwc" / "rc.xml"
        rc_xml.write_text("<labwc_config/>\n", encoding="utf-8")
        process.send_signal(signal.SIGHUP)  # labwc --reconfigure

        def alt_f4_asks_to_close() -> bool:
            session.tool(process, *_wtype("A-F4"))
            return "refused a request to close the kiosk window" in log()

        wait_for(alt_f4_asks_to_close, timeout=15)
        log_text = log()
        assert " ERROR " not in log_text, log_text
    finally:
        labwc.stop()


def test_the_cage_recipe_runs_the_show_and_brings_it_back_after_a_crash(tmp_path: Path) -> None:
    """`kiosk autostart install --cage` writes ~/.profile; a login shell of the kiosk user runs
    it inside the Debian 13 root as on the first console (a stand-in `tty` in ~/bin answers
    /dev/tty1, which the test has no console for), and it starts cage 0.2.0 with the restart
    loop as its program. Killed, the kiosk comes back; stopped (SIGTERM), the loop, cage and
    the session end with it."""
    started: Started = ([], [], [])
    try:
        session = _root_session(tmp_path, started, "cage-recipe")
        env = {**session.env(), **_kiosk_env(session)}
        home = tmp_path / "home"
        (home / "bin").mkdir(parents=True)
        shutil.copy(session.in_root.root / "etc/skel/.profile", home / ".profile")
        (home / "bin" / "tty").write_text("#!/bin/sh\necho /dev/tty1\n", encoding="utf-8")
        (home / "bin" / "tty").chmod(0o755)
        show = tmp_path / "show"
        show.mkdir()
        (show / "show.yaml").write_text(LOOP_TO_CODE_SHOW, encoding="utf-8")
        content = ["--content", str(show)]
        install_env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        install_env.update(env, HOME=str(home))
        installed = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "autostart", "install", "--cage", *content],
            env=install_env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "cage: written to" in installed.stdout
        for path in [home, *home.rglob("*")]:
            os.lchown(path, session.in_root.uid, session.in_root.gid)
        env["HOME"] = str(home)
        log = tmp_path / "session.log"
        with log.open("wb") as out:
            process = session.in_root.spawn(
                ["bash", "-l"], env, out, out, debian_root.python_folders(), [tmp_path]
            )
        started[0].append(process)
        session.ready(process, log, started)
        namespace = os.readlink(f"/proc/{process.pid}/ns/mnt")
        cage = Compositor(
            "cage", session.runtime / "wayland-0", tmp_path, session.screenshot_tool(process)
        )
        assert "cage" in Path(f"/proc/{process.pid}/cmdline").read_text()  # the shell became it

        def code_on_screen() -> bool:
            assert process.poll() is None, log.read_text(errors="replace")
            found = decode_qr(cage.screenshot("code"), tmp_path)
            return set(found) == {"https://releasenow.org/manifesto/"}

        wait_for(code_on_screen, timeout=30)
        [first] = _kiosks(_in_namespace(process))
        os.kill(first, signal.SIGKILL)  # a crash
        wait_for(lambda: _kiosks(_in_namespace(process)) not in ([], [first]), timeout=15)
        wait_for(code_on_screen, timeout=30)
        [second] = _kiosks(_in_namespace(process))
        kiosk_log = (tmp_path / "log" / "kiosk.log").read_text(errors="replace")
        assert " ERROR " not in kiosk_log, kiosk_log
        os.kill(second, signal.SIGTERM)  # stopped on purpose: not started again
        _wait_for_the_end(process, tmp_path, log)  # cage ended, and the login session with it
        wait_for(lambda: not debian_root.processes_in(namespace), timeout=10)
    finally:
        _stop_all(*started)


@pytest.mark.parametrize("name", ["weston", "labwc"])
def test_a_clip_plays_under_wayland(
    tmp_path: Path, kiosk_on: Callable[[Compositor], subprocess.Popen[bytes]], name: str
) -> None:
    """A looping clip as the show's first slide moves on the output (its colour climbs with its
    time), under weston and under the Raspberry Pi's labwc."""
    from tests.clipfiles import STEP, make_clip

    folder = tmp_path / "show"
    video = (
        "  - id: statement\n    kind: video\n    file: statement.mp4\n"
        "    loop: true\n    duration: 60\n"
    )
    show = LOOP_TO_CODE_SHOW.replace("slides:\n", "slides:\n" + video)
    (folder / "show.yaml").write_text(show, encoding="utf-8")
    make_clip(folder / "statement.mp4", seconds=4, size=(640, 360))
    compositor = start_compositor(name, tmp_path)
    try:
        process = kiosk_on(compositor)
        width, height = compositor.size
        reds: list[int] = []

        def moving() -> bool:
            assert process.poll() is None, "the kiosk stopped"
            shot = compositor.screenshot("clip")
            for share in (0.25, 0.4, 0.55):
                colour = shot.pixelColor(round(share * width), height // 3)
                if abs(colour.green() - 60) <= 12 and abs(colour.blue() - 140) <= 12:
                    reds.append(colour.red())
                    break
            return len(reds) >= 2 and max(reds) - min(reds) >= STEP

        wait_for(moving, timeout=40)
        log = (tmp_path / "kiosk.log").read_text(errors="replace")
        assert " ERROR " not in log and "Traceback" not in log, log
    finally:
        compositor.stop()
