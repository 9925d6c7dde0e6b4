"""Checks, before Qt is loaded, that this machine can open a window, and says how to fix it."""

from __future__ import annotations

import ctypes
import os
import re
import sys
from importlib.util import find_spec
from pathlib import Path

# Shared libraries Qt's X11 platform plugin loads, and the Debian/Ubuntu package of each.
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def _qt_dir() -> Path | None:
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt"


def unloadable(names: list[str]) -> list[str]:
    """The shared libraries of these that the dynamic loader cannot load."""
    failed = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            failed.append(name)
    return failed


def missing_libraries(platform: str = "xcb") -> list[str] | None:
    """Shared libraries the Qt platform plugin needs but cannot find (Linux only).

    None when this cannot be checked here (not Linux, no ldd, or Qt's files not found).
    """
    import shutil  # here, like subprocess: only when something is missing
    import subprocess

    qt = _qt_dir()
    ldd = shutil.which("ldd")
    if qt is None or ldd is None or not sys.platform.startswith("linux"):
        return None
    targets = [qt / "lib" / "libQt6Gui.so.6", qt / "plugins" / "platforms" / f"libq{platform}.so"]
    missing: list[str] = []
    for target in targets:
        try:
            out = subprocess.run(
                [ldd, str(target)], capture_output=True, text=True, timeout=10, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None  # no such file, or ldd could not read it: cannot tell
        missing += [name for name in _NOT_FOUND.findall(out) if name not in missing]
    return missing


def x_server_answers(display: str) -> bool:
    """False when DISPLAY names a local X server (":0") whose socket nobody listens on.

    A display on another host, or in a form not understood here, is left for Qt to try.
    """
    match = re.fullmatch(r"unix:(\d+)(\.\d+)?|:(\d+)(\.\d+)?", display)
    if match is None:
        return True
    number = match.group(1) or match.group(3)
    path = f"/tmp/.X11-unix/X{number}"
    import socket  # here: not needed on Wayland

    # The X server listens on the file, and on Linux also on an abstract socket of that name.
    for address in (path, "\0" + path):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            try:
                probe.connect(address)
            except OSError:
                continue
            return True
    return False


def display_problem() -> str | None:
    """Why no window can open here, with what to do about it; None when all is well."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return None
    if not platform and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "No display: neither DISPLAY nor WAYLAND_DISPLAY is set. Start the kiosk from the "
            "graphical session of the kiosk PC (see docs/deploy.md)."
        )
    if platform.startswith("xcb") and not os.environ.get("DISPLAY"):
        return (
            "No X display: QT_QPA_PLATFORM is xcb but DISPLAY is not set. Start the kiosk from "
            "the graphical session of the kiosk PC, or set DISPLAY (usually :0)."
        )
    if platform.startswith("wayland") or (not platform and not os.environ.get("DISPLAY")):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None  # a Wayland session: Qt takes Wayland first
    display = os.environ.get("DISPLAY", "")
    if not x_server_answers(display):
        # Qt would abort; a restart loop would then start the kiosk again and again.
        return (
            f"No X display: nothing answers at DISPLAY={display} (the graphical session has "
            "ended, or not started yet). Start the kiosk from the graphical session of the "
            "kiosk PC (see docs/deploy.md)."
        )
    if not unloadable(list(DEBIAN_PACKAGES)):
        return None  # the usual case, in milliseconds: Qt loads these libraries anyway
    missing = missing_libraries("xcb")  # something is missing: ldd names exactly what
    if not missing:
        return None
    packages = sorted({DEBIAN_PACKAGES.get(name, name) for name in missing})
    return (
        "Qt cannot open a window: these system libraries are missing: "
        + ", ".join(missing)
        + ".\nOn Debian or Ubuntu install them with:\n  sudo apt-get install "
        + " ".join(packages)
    )


def pin_malloc_threshold() -> bool:
    """Keeps large buffers (slide images, 8 MB at 1080p) in mmap, returned when freed.

    glibc raises its mmap threshold after the first large free; from then on such buffers come
    from the heap, whose freed fragments stay resident and look like growth over a long run.
    A fixed threshold turns that off. Linux with glibc only; elsewhere nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        m_mmap_threshold = -3
        return bool(libc.mallopt(m_mmap_threshold, 128 * 1024))
    except (OSError, AttributeError):
        return False
