"""Programs from a Debian 13 (trixie) root: labwc and cage as Debian 13 and Raspberry Pi OS ship
them, run on this machine whatever its own release.

`.ci/debian-root` builds the root once with debootstrap (packages in wayland-root.txt) and keeps
it in its cache. Programs run in it with chroot as an unprivileged user (wlroots compositors
refuse root). A compositor runs in a mount namespace of its own, where this machine's folders
the kiosk needs (the checkout, its Python, the test's folder) are mounted at their own paths:
read-only, except the test's folder, and only for as long as that namespace lives, so the
cached root never holds a mount of a live folder, even after a test run was killed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILDER = REPO / ".ci" / "debian-root"
PACKAGE_LIST = Path(__file__).with_name("wayland-root.txt")
SUITE = "trixie"
BUILD_TIMEOUT_S = 1800
# Folders of the root itself: never covered by a folder of this machine.
SYSTEM_FOLDERS = frozenset(
    {"bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32"}
    | {"proc", "run", "sbin", "sys", "usr", "var"}
)

_roots: dict[str, Path | str] = {}  # the root's path, or why there is none


def packages() -> list[str]:
    lines = PACKAGE_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def missing(why: str) -> NoReturn:
    """CI must run these tests; a developer without root or the root may skip them."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


def trixie_root() -> Path:
    """The root's path; built on first use when it is missing (a few minutes, needs root)."""
    if SUITE not in _roots:
        _roots[SUITE] = _build()
    found = _roots[SUITE]
    if isinstance(found, str):
        missing(found)
    return found


def _build() -> Path | str:
    if not sys.platform.startswith("linux"):
        return "labwc and cage run from a Debian root: Linux only"
    if os.geteuid() != 0:
        return "labwc and cage run from a Debian root with chroot, which needs root"
    for tool in ("chroot", "unshare", "nsenter", "mount", "dpkg"):
        if shutil.which(tool) is None:
            return f"{tool} is needed to run programs from the Debian root"
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    done = subprocess.run(
        [str(BUILDER), SUITE, arch, *packages()],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        return f"the Debian {SUITE} root could not be built (.ci/debian-root):\n{done.stderr}"
    return Path(done.stdout.split()[-1])


@dataclass
class InRoot:
    """Runs programs inside the root as one unprivileged user."""

    root: Path
    uid: int
    gid: int

    def inside(self, path: Path) -> str:
        """A path below the root, as programs inside it see it."""
        return "/" + str(path.relative_to(self.root))

    def folder(self, name: str) -> Path:
        """A new folder of the user's in the root's /run, by its path on this machine."""
        path = self.root / "run" / name
        path.mkdir(mode=0o700)
        os.chown(path, self.uid, self.gid)
        return path

    def command(self, *command: str) -> list[str]:
        return ["chroot", f"--userspec={self.uid}:{self.gid}", str(self.root), *command]

    def spawn(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        stdout: IO[bytes],
        stderr: IO[bytes],
        shared: Iterable[Path] = (),
        writable: Iterable[Path] = (),
    ) -> subprocess.Popen[bytes]:
        """Starts a long-running program in a mount namespace of its own, with these folders of
        this machine at their own paths (`shared` read-only, `writable` not). The process id is
        the program's own: signals reach it, and its namespace ends with its last process."""
        script = self._mounts(list(shared), list(writable))
        return subprocess.Popen(
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "--",
                "sh",
                "-c",
                script,
                "mounts",
                *self.command(*command),
            ],
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", **env},
            stdout=stdout,
            stderr=stderr,
        )

    def beside(
        self, process: subprocess.Popen[bytes], env: Mapping[str, str], *command: str
    ) -> subprocess.CompletedProcess[str]:
        """Runs a short program inside the root, in a running program's mount namespace."""
        return subprocess.run(
            ["nsenter", f"--target={process.pid}", "--mount", *self.command(*command)],
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def _mounts(self, shared: list[Path], writable: list[Path]) -> str:
        """The shell lines that mount what the program needs, then run it."""
        root = self.root
        lines = [
            "set -e",
            f"mount -t proc proc {shlex.quote(str(root / 'proc'))}",
            f"mount -t tmpfs -o mode=1777,size=256m shm {shlex.quote(str(root / 'dev' / 'shm'))}",
        ]
        folders = [(path, False) for path in shared] + [(path, True) for path in writable]
        folders = _outermost(folders)
        tops = sorted({path.parts[1] for path, _ in folders})
        for top in tops:
            if top in SYSTEM_FOLDERS:
                missing(f"/{top} of this machine cannot be shown inside the root")
            # A fresh folder over the root's own (e.g. /root, which only root may enter), so
            # the path down to each mounted folder is open to the unprivileged user.
            (root / top).mkdir(mode=0o755, exist_ok=True)
            mode = "1777" if top == "tmp" else "0755"
            lines.append(f"mount -t tmpfs -o mode={mode} host {shlex.quote(str(root / top))}")
        for path, rw in folders:
            target = shlex.quote(str(root / path.relative_to("/")))
            source = shlex.quote(str(path))
            lines += [f"mkdir -p {target}", f"mount --bind {source} {target}"]
            if not rw:
                lines.append(f"mount -o remount,bind,ro {target}")
        lines.append('exec "$@"')
        return "\n".join(lines)


def _outermost(folders: list[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    """Each folder once, none inside another (a writable one wins over a read-only one)."""
    kept: list[tuple[Path, bool]] = []
    for path, rw in sorted(folders, key=lambda f: (len(f[0].parts), not f[1])):
        path = path.resolve()
        if any(path == other or other in path.parents for other, _ in kept):
            continue
        kept.append((path, rw))
    return kept


def python_folders() -> list[Path]:
    """The checkout and the Python installation the tests run with: what a kiosk started from
    this checkout reads. A Python installed in /usr cannot be shown inside another Debian."""
    folders = [REPO, Path(sys.prefix), Path(sys.base_prefix)]
    for folder in folders:
        if folder.resolve().parts[1:2] in (("usr",), ()):
            missing(f"the kiosk's Python in {folder} cannot run inside the root (use pyenv)")
    return folders


def processes_in(namespace: str) -> list[int]:
    """The processes that live in a mount namespace (by /proc/PID/ns/mnt)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "ns" / "mnt") == namespace:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def end_namespace(namespace: str) -> None:
    """Ends whatever still runs in a compositor's namespace once the compositor has ended (a
    program its session started): politely, then for sure."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in processes_in(namespace):
            try:
                os.kill(pid, sig)
            except OSError:
                continue
        deadline = time.monotonic() + 5
        while processes_in(namespace) and time.monotonic() < deadline:
            time.sleep(0.05)
