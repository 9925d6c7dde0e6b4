"""The shipped autostart files parse and start the kiosk's own command."""

from __future__ import annotations

import configparser
import os
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

DEPLOY = Path(__file__).resolve().parents[1] / "assets" / "deploy"


def _ini(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def test_systemd_service_restarts_on_failure_but_not_on_bad_content() -> None:
    unit = _ini("release-now-kiosk.service")
    assert unit["Service"]["ExecStart"] == "%h/release-now-kiosk/.venv/bin/kiosk"
    assert unit["Service"]["Restart"] == "on-failure"
    assert unit["Service"]["RestartPreventExitStatus"].split() == ["2", "3", "5"]
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_xdg_autostart_entry() -> None:
    entry = _ini("release-now-kiosk.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    # The kiosk under its restart loop (tests/platform/test_restart_recipes.py runs it).
    assert entry["Exec"].startswith("sh -c ")
    assert '\\"\\$HOME/release-now-kiosk/.venv/bin/kiosk\\"' in entry["Exec"]


def test_windows_task_starts_at_logon_and_restarts() -> None:
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    task = ET.parse(DEPLOY / "release-now-kiosk-task.xml").getroot()
    assert task.find("t:Triggers/t:LogonTrigger", ns) is not None
    assert task.findtext("t:Settings/t:RestartOnFailure/t:Count", namespaces=ns) == "999"
    command = task.findtext("t:Actions/t:Exec/t:Command", namespaces=ns)
    assert command == r"%USERPROFILE%\release-now-kiosk\.venv\Scripts\kiosk.exe"


def test_example_settings_are_valid_toml_with_a_valid_pin() -> None:
    settings = tomllib.loads((DEPLOY / "kiosk.toml.example").read_text(encoding="utf-8"))
    assert settings["staff_pin"].isdigit() and 4 <= len(settings["staff_pin"]) <= 12


# labwc's built-in key bindings, which it loads when rc.xml binds no key (or says <default/>).
LABWC_BUILT_IN_KEYS = {
    "A-Tab", "A-Escape", "W-Return", "A-F3", "A-F4", "W-a", "A-Left", "A-Right", "A-Up",
    "A-Down", "W-Left", "W-Right", "W-Up", "W-Down", "A-Space",
}  # fmt: skip


def test_labwc_settings_leave_no_way_out() -> None:
    root = ET.parse(DEPLOY / "labwc" / "rc.xml").getroot()
    assert root.tag == "labwc_config"
    assert root.find(".//default") is None  # it would bring every built-in binding back
    keybinds = root.findall("keyboard/keybind")
    assert {k.get("key") for k in keybinds} >= LABWC_BUILT_IN_KEYS
    mousebinds = root.findall("mouse/context[@name='Root']/mousebind")
    assert {m.get("button") for m in mousebinds} == {"Left", "Right", "Middle"}
    for bind in keybinds + mousebinds:
        [action] = bind.findall("action")
        assert (action.get("name"), action.get("command")) == ("Execute", "true")
    touch = root.find("touch")
    assert touch is not None and touch.get("mapToOutput")


def test_labwc_autostart_starts_only_the_kiosk() -> None:
    text = (DEPLOY / "labwc" / "autostart").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [
        " ".join(line.split())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    # One command: the kiosk under its restart loop (tests/platform/test_restart_recipes.py).
    [command] = lines
    assert command.startswith("sh -c '")
    assert command.endswith(
        ' kiosk-loop "$HOME/release-now-kiosk/.venv/bin/kiosk" >/dev/null 2>&1 &'
    )
    done = subprocess.run(["sh", "-n", str(DEPLOY / "labwc" / "autostart")], check=False)
    assert done.returncode == 0  # labwc runs it with sh


def test_gnome_settings_name_only_real_keys_and_values(tmp_path: Path) -> None:
    """Every line of the GNOME script is checked by gsettings itself against GNOME's schemas."""
    from tests.widgets import require_tool

    require_tool("gsettings")
    script = DEPLOY / "gnome" / "kiosk-settings.sh"
    lines = [
        line for line in script.read_text(encoding="utf-8").splitlines() if line.startswith("g")
    ]
    assert len(lines) >= 25 and all(line.startswith("gsettings set org.gnome.") for line in lines)
    env = {**os.environ, "GSETTINGS_BACKEND": "memory", "HOME": str(tmp_path)}
    done = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, check=False)
    if "No such schema" in done.stderr and not os.environ.get("CI"):
        pytest.skip("GNOME's schemas are not installed (.ci/packages.txt lists them)")
    assert done.returncode == 0, done.stderr  # a misspelt key or a wrong value fails here
