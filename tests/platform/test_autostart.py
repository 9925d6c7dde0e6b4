"""`kiosk autostart`: each way of starting is written with this installation's real paths, is
accepted by the tools that read it, reports itself, and goes away again without a trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.paths import DEFAULT_CONTENT
from kiosk.platform import autostart
from tests.widgets import require_tool


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kiosk user's empty home; the kiosk program lives in a folder with a space."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("XDG_CONFIG_HOME", "XDG_CURRENT_DESKTOP", "LABWC_PID", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    program = tmp_path / "kiosk installs" / "bin" / "kiosk"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    monkeypatch.setattr(autostart, "kiosk_executable", lambda: program)
    return home


def _install(*args: str) -> int:
    return cli.main(["autostart", "install", *args])


def test_a_systemd_unit_with_real_paths_that_systemd_accepts(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    show = tmp_path / "my show"
    show.mkdir()
    (show / "show.yaml").write_text("slides: []\n")
    assert _install("--systemd", "--content", str(show), "--rotate", "90") == 0
    unit = home / ".config" / "systemd" / "user" / "release-now-kiosk.service"
    text = unit.read_text()
    program = tmp_path / "kiosk installs" / "bin" / "kiosk"
    assert f'ExecStart="{program}" --content "{show}" --rotate 90' in text
    assert "RestartPreventExitStatus=2 3 5" in text
    verify = require_tool("systemd-analyze")
    done = subprocess.run(
        [verify, "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
        timeout=60,
    )
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if str(unit) in line or "release-now-kiosk" in line
    ]
    assert problems == [], done.stdout + done.stderr
    out = capsys.readouterr().out
    assert "systemd: written to" in out and f"--content {show}" in out


def test_a_desktop_entry_that_desktop_file_validate_accepts(home: Path, tmp_path: Path) -> None:
    assert _install("--xdg", "--screen", "1") == 0
    entry = home / ".config" / "autostart" / "release-now-kiosk.desktop"
    program = tmp_path / "kiosk installs" / "bin" / "kiosk"
    # Under the restart loop, which brings the kiosk back after an internal error (exit 4).
    assert f'kiosk-loop "{program}" --screen 1\n' in entry.read_text()
    validate = require_tool("desktop-file-validate")
    done = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


@pytest.mark.parametrize("kind", ["labwc", "cage"])
def test_a_shell_block_keeps_what_was_there(home: Path, kind: str, tmp_path: Path) -> None:
    path = autostart.target(kind, {"HOME": str(home)})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# mine\nexport LANG=de_DE.UTF-8\n")
    assert _install(f"--{kind}", "--rotate", "270") == 0
    assert _install(f"--{kind}", "--rotate", "90") == 0  # a second install replaces the first
    text = path.read_text()
    assert text.startswith("# mine\nexport LANG=de_DE.UTF-8\n")
    assert text.count(autostart.BEGIN) == 1 and "--rotate 90" in text and "270" not in text
    program = tmp_path / "kiosk installs" / "bin" / "kiosk"
    assert f"'{program}' --rotate 90" in text
    done = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert cli.main(["autostart", "remove", f"--{kind}"]) == 0
    assert path.read_text() == "# mine\nexport LANG=de_DE.UTF-8\n"


def test_status_says_what_is_installed_and_remove_takes_all_away(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["autostart", "status"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "systemd: not installed",
        "xdg: not installed",
        "labwc: not installed",
        "cage: not installed",
    ]
    _install("--xdg")
    _install("--labwc")
    capsys.readouterr()
    cli.main(["autostart", "status"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("xdg: installed in ") and ", enabled: " in lines[1]
    assert lines[2].startswith("labwc: installed in ")
    assert cli.main(["autostart", "remove"]) == 0
    removed = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in removed] == ["xdg", "labwc"]
    cli.main(["autostart", "status"])
    assert all(line.endswith("not installed") for line in capsys.readouterr().out.splitlines())


def test_a_content_folder_without_a_show_is_refused(home: Path, tmp_path: Path) -> None:
    assert _install("--xdg", "--content", str(tmp_path)) == 2
    assert autostart.installed("xdg", {"HOME": str(home)}) is None


@pytest.mark.parametrize(
    ("env", "kind"),
    [
        ({"XDG_CURRENT_DESKTOP": "labwc:wlroots", "WAYLAND_DISPLAY": "wayland-0"}, "labwc"),
        ({"XDG_CURRENT_DESKTOP": "GNOME", "DISPLAY": ":0"}, "xdg"),
    ],
)
def test_without_an_option_the_running_session_decides(env: dict[str, str], kind: str) -> None:
    assert autostart.pick(env)[0] == kind


def test_the_installed_kiosk_command_is_found() -> None:
    """Beside this Python (a venv's bin), the `kiosk` script pip made."""
    found = autostart.kiosk_executable()
    assert found.name.startswith("kiosk")
    assert found.parent == Path(sys.executable).parent.resolve() or found.is_file()


def test_the_default_show_is_where_the_kiosk_plays_it_from() -> None:
    assert (DEFAULT_CONTENT / "show.yaml").is_file()


def test_labwc_gets_the_kiosk_key_bindings_unless_it_has_its_own(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _install("--labwc") == 0
    rc = home / ".config" / "labwc" / "rc.xml"
    assert rc.read_text().count("<keybind") >= 5
    assert "written: labwc's own key combinations do nothing" in capsys.readouterr().out
    rc.write_text("<labwc_config/>\n")
    assert _install("--labwc") == 0
    assert "exists and was left as it is" in capsys.readouterr().out
    assert rc.read_text() == "<labwc_config/>\n"


def test_the_deployment_files_are_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["autostart", "files"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert (folder / "labwc" / "rc.xml").is_file()
    assert (folder / "gnome" / "kiosk-settings.sh").is_file()
