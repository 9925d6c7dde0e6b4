"""Starting the kiosk with the session: one command writes, reports or removes the entry.

Four ways a kiosk PC starts its programs, each written with this installation's real paths:

- systemd: a user service;
- xdg: a desktop autostart entry (GNOME, KDE, Xfce, LXDE/LXQt desktops);
- labwc: a line in labwc's autostart (Raspberry Pi OS Bookworm and later);
- cage: the kiosk as the only program on the first console, under the cage compositor, started
  by the login shell after autologin.

Each starts the kiosk again after exit 4 (internal error) or a crash, and not after the codes
in exits.NOT_RESTARTED: systemd by its restart settings, the others by RESTART_LOOP, a
one-line shell loop around the kiosk's command (cage ends when its one program ends, so the
loop is that program).

Plain files only: nothing here needs root, and `remove` leaves the rest of a shared file as it was.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk import exits

KINDS = ("systemd", "xdg", "labwc", "cage")
UNIT = "release-now-kiosk.service"
BEGIN = "# >>> release-now-kiosk >>>"
END = "# <<< release-now-kiosk <<<"
LOOP_NAME = "kiosk-loop"  # the loop's $0: what `ps` shows for it
RESTART_PAUSE_S = 3  # from an end to the next start, in the loop and the systemd unit alike
# The kiosk's command is the loop's arguments; POSIX sh, no quote of either kind inside.
RESTART_LOOP = (
    'while :; do "$@"; code=$?; '
    f"case $code in {'|'.join(str(c) for c in exits.NOT_RESTARTED + exits.STOPPED_BY_SIGNAL)}) "
    "exit $code;; esac; "
    f"sleep {RESTART_PAUSE_S}; done"
)


@dataclass(frozen=True)
class Launch:
    """How the kiosk is to be started: the program and the options given to `install`."""

    executable: Path
    content: Path | None = None
    rotate: int | None = None
    screen: int | None = None

    def arguments(self) -> list[str]:
        args = [str(self.executable)]
        if self.content is not None:
            args += ["--content", str(self.content)]
        if self.screen is not None:
            args += ["--screen", str(self.screen)]
        if self.rotate is not None:
            args += ["--rotate", str(self.rotate)]
        return args


def kiosk_executable() -> Path:
    """The `kiosk` command of this installation (beside its Python), else this very program."""
    folder = Path(sys.executable).parent
    for name in ("kiosk", "kiosk.exe"):
        candidate = folder / name
        if candidate.is_file():
            return candidate.resolve()
    found = shutil.which("kiosk")
    if found:
        return Path(found).resolve()
    return Path(sys.argv[0]).resolve()


def config_home(env: Mapping[str, str]) -> Path:
    configured = env.get("XDG_CONFIG_HOME")
    return Path(configured) if configured else Path(env.get("HOME", "~")).expanduser() / ".config"


def target(kind: str, env: Mapping[str, str]) -> Path:
    """The file each way of starting writes to."""
    home = Path(env.get("HOME", "~")).expanduser()
    if kind == "systemd":
        return config_home(env) / "systemd" / "user" / UNIT
    if kind == "xdg":
        return config_home(env) / "autostart" / "release-now-kiosk.desktop"
    if kind == "labwc":
        return config_home(env) / "labwc" / "autostart"
    if kind == "cage":
        # A login shell reads ~/.bash_profile instead of ~/.profile when it exists.
        bash_profile = home / ".bash_profile"
        return bash_profile if bash_profile.exists() else home / ".profile"
    raise ValueError(f"unknown autostart kind {kind!r}")


# -- what is written ----------------------------------------------------------------------------


def systemd_unit(launch: Launch) -> str:
    command = " ".join(_systemd_quote(arg) for arg in launch.arguments())
    return f"""\
# Written by `kiosk autostart install --systemd`; `kiosk autostart remove` takes it away.
[Unit]
Description=Release N:OW exhibition kiosk
PartOf=graphical-session.target
After=graphical-session.target

[Service]
Type=simple
ExecStart={command}
# Started again after exit 4 (internal error) or a crash. Not after staff quit it (exit 0), nor
# after exit 2 (an invalid show), 3 (no display) or 5 (another kiosk already plays on the same
# data folder): a new start would only repeat them.
Restart=on-failure
RestartSec={RESTART_PAUSE_S}
RestartPreventExitStatus={" ".join(str(c) for c in exits.NOT_RESTARTED if c != exits.OK)}
TimeoutStopSec=20

[Install]
WantedBy=graphical-session.target
"""


def _systemd_quote(arg: str) -> str:
    if arg and all(c.isalnum() or c in "/._-+:=," for c in arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def looped(launch: Launch) -> list[str]:
    """The command that runs the kiosk under the restart loop."""
    return ["sh", "-c", RESTART_LOOP, LOOP_NAME, *launch.arguments()]


def desktop_entry(launch: Launch) -> str:
    command = " ".join(_desktop_quote(arg) for arg in looped(launch))
    return f"""\
[Desktop Entry]
Type=Application
Name=Release N:OW kiosk
Comment=Exhibition kiosk for the political prisoners of Belarus
Exec={command}
Terminal=false
X-GNOME-Autostart-enabled=true
X-GNOME-Autostart-Delay=5
"""


def _desktop_quote(arg: str) -> str:
    # The desktop entry spec: reserved characters need double quotes, and inside them \\ " ` $
    # are escaped; a literal % is written %%.
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    arg = arg.replace("%", "%%")
    if not any(c in reserved for c in arg):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def _shell_loop(launch: Launch) -> str:
    """The looped command for a shell script, on two lines: the loop, then the kiosk's own."""
    kiosk = " ".join(shlex.quote(arg) for arg in launch.arguments())
    return f"sh -c {shlex.quote(RESTART_LOOP)} \\\n    {LOOP_NAME} {kiosk}"


def labwc_block(launch: Launch) -> str:
    return f"""{BEGIN}
# The kiosk, started with the labwc session (written by `kiosk autostart install --labwc`);
# started again after exit 4 (internal error) or a crash, not after staff quit it.
{_shell_loop(launch)} >/dev/null 2>&1 &
{END}
"""


def cage_block(launch: Launch) -> str:
    loop = _shell_loop(launch).replace("\n", "\n    ")
    return f"""{BEGIN}
# On the first console after autologin: the kiosk alone under the cage compositor
# (written by `kiosk autostart install --cage`). Other consoles log in as usual. cage ends
# when its program ends, so its program is the loop that starts the kiosk again after exit 4
# (internal error) or a crash.
if [ -z "$WAYLAND_DISPLAY" ] && [ -z "$DISPLAY" ] && [ "$(tty)" = /dev/tty1 ]; then
    exec cage -- {loop}
fi
{END}
"""


def _without_block(text: str) -> str:
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    inside = False
    for line in lines:
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END and inside:
            inside = False
        elif not inside:
            kept.append(line)
    return "".join(kept)


# -- install, remove, status --------------------------------------------------------------------


def install(kind: str, launch: Launch, env: Mapping[str, str]) -> Path:
    path = target(kind, env)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "systemd":
        path.write_text(systemd_unit(launch), encoding="utf-8")
    elif kind == "xdg":
        path.write_text(desktop_entry(launch), encoding="utf-8")
    else:
        block = labwc_block(launch) if kind == "labwc" else cage_block(launch)
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        rest = _without_block(before)
        if rest and not rest.endswith("\n"):
            rest += "\n"
        path.write_text(rest + block, encoding="utf-8")
    return path


def remove(kind: str, env: Mapping[str, str]) -> Path | None:
    """Takes the entry away; the path it was in, or None when there was none."""
    path = target(kind, env)
    if not path.exists():
        return None
    if kind in ("systemd", "xdg"):
        path.unlink()
        return path
    text = path.read_text(encoding="utf-8")
    rest = _without_block(text)
    if rest == text:
        return None
    path.write_text(rest, encoding="utf-8")
    return path


def installed(kind: str, env: Mapping[str, str]) -> str | None:
    """The command line written for this kind, or None when nothing is installed."""
    path = target(kind, env)
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    if kind == "systemd":
        return _value(text, "ExecStart=")
    if kind == "xdg":
        return _unlooped(_value(text, "Exec="))
    if BEGIN not in text:
        return None
    block = text.split(BEGIN, 1)[1].split(END, 1)[0].replace("\\\n", " ")
    for line in block.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "if ", "fi")):
            return _unlooped(
                stripped.removeprefix("exec cage -- ").removesuffix(" >/dev/null 2>&1 &")
            )
    return None


def _unlooped(command: str | None) -> str | None:
    """The kiosk's own command line, without the restart loop around it."""
    if command is None or f" {LOOP_NAME} " not in command:
        return command
    return command.split(f" {LOOP_NAME} ", 1)[1].strip()


def _value(text: str, prefix: str) -> str | None:
    for line in text.splitlines():
        if line.startswith(prefix):
            return line[len(prefix) :]
    return None


def _systemctl(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`systemctl --user ARGS` for the kiosk user; OSError when systemctl is not installed."""
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        raise OSError("systemctl is not installed")
    return subprocess.run(
        [systemctl, "--user", *args],
        capture_output=True,
        text=True,
        timeout=20,
        env=dict(env),
        check=False,
    )


def systemd_enabled(env: Mapping[str, str]) -> str:
    """'enabled', 'disabled', or why it cannot be told (no systemd user session here)."""
    try:
        state = _systemctl(env, "is-enabled", UNIT).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return f"unknown: {error}"
    if state in ("enabled", "disabled", "static", "linked"):
        return state
    return "unknown: no systemd user session to ask"


def systemd_enable(env: Mapping[str, str], enable: bool) -> str:
    """Asks the user's systemd to (dis)able the unit; what happened, in words."""
    verb = "enable" if enable else "disable"
    try:
        _systemctl(env, "daemon-reload")
        done = _systemctl(env, verb, UNIT)
    except (OSError, subprocess.SubprocessError) as error:
        return f"the unit is written, but could not {verb} it: {error}"
    if done.returncode == 0:
        return f"{verb}d: it starts with the next graphical session"
    return (
        f"written, but systemd could not {verb} it ({done.stderr.strip() or 'no user session'});"
        f" run `systemctl --user {verb} {UNIT}` in the kiosk user's session"
    )


def status(env: Mapping[str, str]) -> list[str]:
    """One line for each way of starting: what is installed, where, and whether it is on."""
    lines = []
    for kind in KINDS:
        command = installed(kind, env)
        path = target(kind, env)
        if command is None:
            lines.append(f"{kind}: not installed")
            continue
        state = ""
        if kind == "systemd":
            state = f", {systemd_enabled(env)}"
        elif kind == "xdg":
            text = path.read_text(encoding="utf-8")
            off = "Hidden=true" in text or "X-GNOME-Autostart-enabled=false" in text
            state = ", disabled" if off else ", enabled"
        lines.append(f"{kind}: installed in {path}{state}: {command}")
    return lines


def labwc_bindings(env: Mapping[str, str], source: Path | None = None) -> str:
    """labwc's rc.xml with every built-in key binding bound to nothing: put in place when the
    user has none; an existing one is left alone. What happened, in words."""
    if source is None:
        from kiosk.paths import ASSETS

        source = ASSETS / "deploy" / "labwc" / "rc.xml"
    path = config_home(env) / "labwc" / "rc.xml"
    if path.exists():
        if path.read_bytes() == source.read_bytes():
            return f"{path} already binds labwc's keys to nothing"
        return f"{path} exists and was left as it is; the kiosk's is {source} (docs/deploy.md)"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    return f"{path} written: labwc's own key combinations do nothing"


def pick(env: Mapping[str, str]) -> tuple[str, str]:
    """The way of starting that fits the running session, and why."""
    desktop = env.get("XDG_CURRENT_DESKTOP", "").lower()
    if "labwc" in desktop or env.get("LABWC_PID"):
        return "labwc", "the session is labwc"
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY") and shutil.which("cage"):
        return "cage", "no graphical session runs and cage is installed"
    if _systemd_user_session(env):
        return "systemd", "a systemd user session runs"
    return "xdg", f"the desktop ({desktop or 'unknown'}) reads autostart entries"


def _systemd_user_session(env: Mapping[str, str]) -> bool:
    runtime = env.get("XDG_RUNTIME_DIR")
    if not runtime or shutil.which("systemctl") is None:
        return False
    return (Path(runtime) / "systemd" / "private").exists() or (Path(runtime) / "bus").exists()


def environment() -> dict[str, str]:
    return dict(os.environ)
