"""The shipped autostart files parse and start the kiosk's own command."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

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
    assert unit["Service"]["RestartPreventExitStatus"].split() == ["2", "3"]
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_xdg_autostart_entry() -> None:
    entry = _ini("release-now-kiosk.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].endswith("/release-now-kiosk/.venv/bin/kiosk\"'")


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
